<?xml version="1.0" encoding="UTF-8"?>
<!--
  layout.xsl - what every page shares: the HTML skeleton with its
  landmarks (skip link, header with navigation, main, footer), the
  strings of the interface, and the formatting of a service's facts
  (fee, deadline, filing windows).

  A page's stylesheet includes this one and gives two templates for
  /page: mode="title" (the <title> text) and mode="main" (the content of
  <main>).  The view model is described in fcgi/web/render.h and
  fcgi/web/h_pages.c.  Text comes from strings.xml through
  key('str', ...) with the string's id; output escaping is never turned
  off (a unit test checks).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:output method="html" encoding="UTF-8" indent="no"/>

  <xsl:key name="str" match="/page/strings/s" use="@id"/>

  <xsl:decimal-format name="vi" grouping-separator="." decimal-separator=","/>

  <xsl:variable name="lang" select="/page/@lang"/>
  <!-- Links keep a language other than the default. -->
  <xsl:variable name="q">
    <xsl:if test="$lang = 'en'">?lang=en</xsl:if>
  </xsl:variable>

  <xsl:template match="/page">
    <xsl:variable name="other" select="key('str', 'nav.other-lang.code')"/>
    <html lang="{$lang}">
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title>
          <xsl:apply-templates select="." mode="title"/>
          <xsl:text> – </xsl:text>
          <xsl:value-of select="key('str', 'site.short')"/>
        </title>
        <link rel="stylesheet" href="/static/motcua.css"/>
        <!-- No icon yet: this keeps browsers from asking for one. -->
        <link rel="icon" href="data:,"/>
      </head>
      <body class="page-{@name}">
        <a class="skip" href="#main">
          <xsl:value-of select="key('str', 'skip')"/>
        </a>
        <header class="site">
          <div class="wrap">
            <p class="brand">
              <a href="/{$q}">
                <span class="authority">
                  <xsl:value-of select="key('str', 'site.authority')"/>
                </span>
                <xsl:value-of select="key('str', 'site.name')"/>
              </a>
            </p>
            <nav aria-label="{key('str', 'nav.label')}">
              <ul>
                <li>
                  <a href="/{$q}">
                    <xsl:if test="@name = 'catalogue'">
                      <xsl:attribute name="aria-current">page</xsl:attribute>
                    </xsl:if>
                    <xsl:value-of select="key('str', 'nav.services')"/>
                  </a>
                </li>
                <li>
                  <a href="/lookup{$q}">
                    <xsl:if test="@name = 'lookup'">
                      <xsl:attribute name="aria-current">page</xsl:attribute>
                    </xsl:if>
                    <xsl:value-of select="key('str', 'nav.lookup')"/>
                  </a>
                </li>
                <li>
                  <a href="{@path}?lang={$other}" lang="{$other}"
                      hreflang="{$other}">
                    <xsl:value-of select="key('str', 'nav.other-lang')"/>
                  </a>
                </li>
              </ul>
            </nav>
            <xsl:choose>
              <xsl:when test="user">
                <div class="user">
                  <p>
                    <xsl:value-of select="key('str', 'nav.signed-in')"/>
                    <xsl:text> </xsl:text>
                    <strong><xsl:value-of select="user"/></strong>
                  </p>
                  <xsl:if test="user/@kind = 'citizen'">
                    <p>
                      <a href="/my{$q}">
                        <xsl:if test="@name = 'my'">
                          <xsl:attribute name="aria-current">page</xsl:attribute>
                        </xsl:if>
                        <xsl:value-of select="key('str', 'nav.my')"/>
                      </a>
                    </p>
                  </xsl:if>
                  <xsl:if test="user/@kind = 'staff' or user/@kind = 'inspector'">
                    <p>
                      <a href="/inbox{$q}">
                        <xsl:if test="@name = 'inbox'">
                          <xsl:attribute name="aria-current">page</xsl:attribute>
                        </xsl:if>
                        <xsl:value-of select="key('str', 'nav.inbox')"/>
                      </a>
                    </p>
                    <p>
                      <a href="/reports{$q}">
                        <xsl:if test="@name = 'report'">
                          <xsl:attribute name="aria-current">page</xsl:attribute>
                        </xsl:if>
                        <xsl:value-of select="key('str', 'nav.reports')"/>
                      </a>
                    </p>
                  </xsl:if>
                  <xsl:if test="user/@kind = 'inspector'">
                    <p>
                      <a href="/inspect{$q}" id="nav-inspect">
                        <xsl:if test="@name = 'inspect' or @name = 'control-sheet'">
                          <xsl:attribute name="aria-current">page</xsl:attribute>
                        </xsl:if>
                        <xsl:value-of select="key('str', 'nav.inspect')"/>
                      </a>
                    </p>
                  </xsl:if>
                  <xsl:if test="@csrf">
                    <form method="post" action="/signout" class="signout">
                      <input type="hidden" name="csrf" value="{@csrf}"/>
                      <button type="submit">
                        <xsl:value-of select="key('str', 'nav.signout')"/>
                      </button>
                    </form>
                  </xsl:if>
                </div>
              </xsl:when>
              <xsl:when test="@name != 'signin' and @name != 'register'">
                <p class="user">
                  <a href="/signin{$q}" class="signin">
                    <xsl:value-of select="key('str', 'nav.signin')"/>
                  </a>
                  <xsl:text> </xsl:text>
                  <a href="/register{$q}" class="register">
                    <xsl:value-of select="key('str', 'nav.register')"/>
                  </a>
                </p>
              </xsl:when>
            </xsl:choose>
          </div>
        </header>
        <main id="main" tabindex="-1">
          <div class="wrap">
            <xsl:apply-templates select="." mode="main"/>
          </div>
        </main>
        <footer class="site">
          <div class="wrap">
            <p><xsl:value-of select="key('str', 'footer.text')"/></p>
            <p><xsl:value-of select="key('str', 'footer.help')"/></p>
          </div>
        </footer>
      </body>
    </html>
  </xsl:template>

  <!-- A time of the view model (2026-12-01T09:00:00+07:00) as
       01/12/2026 09:00, in a <time> element. -->
  <xsl:template name="time">
    <xsl:param name="at"/>
    <time datetime="{$at}">
      <xsl:value-of select="concat(substring($at, 9, 2), '/',
          substring($at, 6, 2), '/', substring($at, 1, 4), ' ',
          substring($at, 12, 5))"/>
    </time>
  </xsl:template>

  <!-- Working time left from @days, @hours, @minutes, @late, @paused. -->
  <xsl:template name="remaining">
    <xsl:choose>
      <xsl:when test="@paused">
        <xsl:value-of select="key('str', 'dossier.paused')"/>
      </xsl:when>
      <xsl:when test="@days">
        <xsl:if test="@late = 1">
          <xsl:value-of select="key('str', 'dossier.late-by')"/>
          <xsl:text> </xsl:text>
        </xsl:if>
        <xsl:if test="@days > 0">
          <xsl:value-of select="concat(@days, ' ', key('str', 'dossier.days'), ' ')"/>
        </xsl:if>
        <xsl:value-of select="concat(@hours, ' ', key('str', 'dossier.hours'),
            ' ', @minutes, ' ', key('str', 'dossier.minutes'))"/>
      </xsl:when>
      <xsl:otherwise>–</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Overdue or due soon from @flag: text, not colour alone. -->
  <xsl:template name="flag">
    <xsl:if test="@flag">
      <strong class="flag flag-{@flag}">
        <xsl:value-of select="key('str', concat('inbox.flag.', @flag))"/>
      </strong>
      <xsl:text> </xsl:text>
    </xsl:if>
  </xsl:template>

  <!-- ==== a service's facts ========================================== -->

  <xsl:template name="fee">
    <xsl:choose>
      <xsl:when test="@fee = 0">
        <xsl:value-of select="key('str', 'service.fee.free')"/>
      </xsl:when>
      <xsl:when test="$lang = 'vi'">
        <xsl:value-of select="format-number(@fee, '#.##0', 'vi')"/>
        <xsl:text> </xsl:text>
        <xsl:value-of select="key('str', 'service.fee.unit')"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="format-number(@fee, '#,##0')"/>
        <xsl:text> </xsl:text>
        <xsl:value-of select="key('str', 'service.fee.unit')"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="deadline">
    <xsl:choose>
      <xsl:when test="@working-days">
        <xsl:value-of select="@working-days"/>
        <xsl:text> </xsl:text>
        <xsl:value-of select="key('str', concat('service.working-day',
            substring('s', 1, number(@working-days != 1))))"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="@working-hours"/>
        <xsl:text> </xsl:text>
        <xsl:value-of select="key('str', concat('service.working-hour',
            substring('s', 1, number(@working-hours != 1))))"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="day-month">
    <xsl:param name="day"/>
    <xsl:param name="month"/>
    <xsl:if test="$lang = 'vi'">
      <xsl:value-of select="key('str', 'month.day')"/>
      <xsl:text> </xsl:text>
    </xsl:if>
    <xsl:value-of select="$day"/>
    <xsl:text> </xsl:text>
    <xsl:value-of select="key('str', concat('month.', $month))"/>
  </xsl:template>

  <xsl:template match="window">
    <xsl:value-of select="key('str', 'service.window.from')"/>
    <xsl:text> </xsl:text>
    <xsl:call-template name="day-month">
      <xsl:with-param name="day" select="@from-day"/>
      <xsl:with-param name="month" select="@from-month"/>
    </xsl:call-template>
    <xsl:text> </xsl:text>
    <xsl:value-of select="key('str', 'service.window.to')"/>
    <xsl:text> </xsl:text>
    <xsl:call-template name="day-month">
      <xsl:with-param name="day" select="@to-day"/>
      <xsl:with-param name="month" select="@to-month"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="windows">
    <xsl:choose>
      <xsl:when test="not(window)">
        <xsl:value-of select="key('str', 'service.all-year')"/>
      </xsl:when>
      <xsl:when test="count(window) = 1">
        <xsl:apply-templates select="window"/>
      </xsl:when>
      <xsl:otherwise>
        <ul class="windows">
          <xsl:for-each select="window">
            <li><xsl:apply-templates select="."/></li>
          </xsl:for-each>
        </ul>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Fee, deadline and filing windows of the service in context. -->
  <xsl:template name="facts">
    <dl class="facts">
      <div>
        <dt><xsl:value-of select="key('str', 'service.fee')"/></dt>
        <dd><xsl:call-template name="fee"/></dd>
      </div>
      <div>
        <dt><xsl:value-of select="key('str', 'service.deadline')"/></dt>
        <dd><xsl:call-template name="deadline"/></dd>
      </div>
      <div>
        <dt><xsl:value-of select="key('str', 'service.windows')"/></dt>
        <dd><xsl:call-template name="windows"/></dd>
      </div>
    </dl>
  </xsl:template>

  <!-- A dossier's attachments (the context: the dossier), each a link
       to download it: attachments/file*[@href, @type, @kb, @field?,
       @removed?] (pages_attachments, fcgi/web/pages.h); a file a
       supplement removed is struck through, kept for the record. -->
  <xsl:template name="files">
    <xsl:choose>
      <xsl:when test="attachments/file">
        <ul class="files">
          <xsl:for-each select="attachments/file">
            <li>
              <xsl:choose>
                <xsl:when test="@removed">
                  <xsl:attribute name="class">removed</xsl:attribute>
                  <del>
                    <a href="{@href}" class="download" download="">
                      <xsl:value-of select="."/>
                    </a>
                  </del>
                  <xsl:value-of select="concat(' – ', @field, ' (', @kb, ' KB, ', @type, ') – ', key('str', 'staff.file-removed'))"/>
                </xsl:when>
                <xsl:otherwise>
                  <a href="{@href}" class="download" download="">
                    <xsl:value-of select="."/>
                  </a>
                  <xsl:value-of select="concat(' – ', @field, ' (', @kb, ' KB, ', @type, ')')"/>
                </xsl:otherwise>
              </xsl:choose>
            </li>
          </xsl:for-each>
        </ul>
      </xsl:when>
      <xsl:otherwise>
        <p><xsl:value-of select="key('str', 'staff.no-files')"/></p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A dossier's issued documents (the context: the dossier):
       documents/document*[@href, @kind, @serial, @code, @record,
       @status, @at] (pages_documents, fcgi/web/pages/pages.h). -->
  <xsl:template name="documents">
    <xsl:if test="documents/document">
      <section aria-labelledby="docs-h">
        <h2 id="docs-h"><xsl:value-of select="key('str', 'docs.heading')"/></h2>
        <ul class="files documents">
          <xsl:for-each select="documents/document">
            <li>
              <xsl:value-of select="concat(@kind, ' ', ., ' (', @serial, ', ', @at, ') ')"/>
              <a href="{@href}" class="document-xml" download=""><xsl:value-of select="key('str', 'docs.download')"/></a>
              <xsl:value-of select="concat(' – ', key('str', 'docs.code'), ': ')"/>
              <a href="{@record}"><code><xsl:value-of select="@code"/></code></a>
              <xsl:value-of select="concat(' (', key('str', 'docs.record'), ')')"/>
            </li>
          </xsl:for-each>
        </ul>
      </section>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
