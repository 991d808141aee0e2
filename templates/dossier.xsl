<?xml version="1.0" encoding="UTF-8"?>
<!--
  dossier.xsl - GET /dossiers/{code}: one of my dossiers: its status,
  dates, time remaining and history.
  View model: /page/dossier[@code, @received, @due?, @completed?,
  @days?, @hours?, @minutes?, @late?, @paused?]/(service, state,
  status-name?, history/event*[@at, @action, @by]/(to, comment?,
  reason?)).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:include href="layout.xsl"/>

  <xsl:template match="/page" mode="title">
    <xsl:value-of select="concat(key('str', 'dossier.title'), ' ', dossier/@code)"/>
  </xsl:template>

  <xsl:template match="/page" mode="main">
    <xsl:apply-templates select="dossier"/>
  </xsl:template>

  <xsl:template match="dossier">
    <h1>
      <xsl:value-of select="key('str', 'dossier.title')"/>
      <xsl:text> </xsl:text>
      <span class="code"><xsl:value-of select="@code"/></span>
    </h1>
    <p class="lead"><xsl:value-of select="service"/></p>
    <dl class="facts">
      <div>
        <dt><xsl:value-of select="key('str', 'dossier.status')"/></dt>
        <dd id="state"><xsl:value-of select="state"/></dd>
      </div>
      <div>
        <dt><xsl:value-of select="key('str', 'dossier.received')"/></dt>
        <dd><xsl:call-template name="time">
          <xsl:with-param name="at" select="@received"/>
        </xsl:call-template></dd>
      </div>
      <xsl:choose>
        <xsl:when test="@completed">
          <div>
            <dt><xsl:value-of select="key('str', 'dossier.completed')"/></dt>
            <dd><xsl:call-template name="time">
              <xsl:with-param name="at" select="@completed"/>
            </xsl:call-template></dd>
          </div>
        </xsl:when>
        <xsl:otherwise>
          <div>
            <dt><xsl:value-of select="key('str', 'dossier.due')"/></dt>
            <dd>
              <xsl:if test="@due">
                <xsl:call-template name="time">
                  <xsl:with-param name="at" select="@due"/>
                </xsl:call-template>
              </xsl:if>
            </dd>
          </div>
          <div>
            <dt><xsl:value-of select="key('str', 'dossier.remaining')"/></dt>
            <dd><xsl:call-template name="remaining"/></dd>
          </div>
        </xsl:otherwise>
      </xsl:choose>
    </dl>
    <section aria-labelledby="history-h">
      <h2 id="history-h"><xsl:value-of select="key('str', 'dossier.history')"/></h2>
      <ol class="history">
        <xsl:for-each select="history/event">
          <li>
            <xsl:call-template name="time">
              <xsl:with-param name="at" select="@at"/>
            </xsl:call-template>
            <xsl:text> – </xsl:text>
            <xsl:value-of select="to"/>
            <xsl:if test="reason">
              <p class="reason">
                <xsl:value-of select="key('str', 'dossier.reason')"/>
                <xsl:text> </xsl:text>
                <xsl:value-of select="reason"/>
              </p>
            </xsl:if>
            <xsl:if test="comment">
              <p><xsl:value-of select="comment"/></p>
            </xsl:if>
          </li>
        </xsl:for-each>
      </ol>
    </section>
    <p><a href="/my{$q}"><xsl:value-of select="key('str', 'nav.my')"/></a></p>
  </xsl:template>

</xsl:stylesheet>
