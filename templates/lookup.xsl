<?xml version="1.0" encoding="UTF-8"?>
<!--
  lookup.xsl - GET /lookup (the form; ?code= fills the code in) and
  POST /lookup (code and PIN in the body): a dossier's status; nothing
  without both, and no personal data in the answer.
  View model (h_pages.c): /page/lookup[@asked, @code, @unavailable]/(
  error*[@field, @what], notfound?, throttled?, result?[@code, @status]/(
  service, state?, received[@at]?, due[@at]?, completed[@at]?)).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:include href="layout.xsl"/>

  <xsl:template match="/page" mode="title">
    <xsl:value-of select="key('str', 'lookup.title')"/>
  </xsl:template>

  <xsl:template match="/page" mode="main">
    <h1><xsl:value-of select="key('str', 'lookup.title')"/></h1>
    <p class="lead"><xsl:value-of select="key('str', 'lookup.intro')"/></p>
    <xsl:apply-templates select="lookup"/>
  </xsl:template>

  <xsl:template match="lookup">
    <xsl:if test="@unavailable">
      <p class="notice" role="status">
        <xsl:value-of select="key('str', 'lookup.unavailable')"/>
      </p>
    </xsl:if>
    <xsl:if test="notfound">
      <p class="notice" role="status">
        <xsl:value-of select="key('str', 'lookup.notfound')"/>
      </p>
    </xsl:if>
    <xsl:if test="throttled">
      <p class="notice" role="status">
        <xsl:value-of select="key('str', 'lookup.throttled')"/>
      </p>
    </xsl:if>
    <xsl:apply-templates select="result"/>
    <!-- POST: the PIN never goes into a URL (history, logs, Referer). -->
    <form method="post" action="/lookup{$q}" class="lookup">
      <xsl:call-template name="input">
        <xsl:with-param name="id" select="'code'"/>
        <xsl:with-param name="value" select="@code"/>
      </xsl:call-template>
      <xsl:call-template name="input">
        <xsl:with-param name="id" select="'pin'"/>
        <xsl:with-param name="value" select="''"/>
      </xsl:call-template>
      <p class="actions">
        <button type="submit" class="primary">
          <xsl:value-of select="key('str', 'lookup.submit')"/>
        </button>
      </p>
    </form>
  </xsl:template>

  <xsl:template name="input">
    <xsl:param name="id"/>
    <xsl:param name="value"/>
    <xsl:variable name="err" select="error[@field = $id]"/>
    <div class="field">
      <xsl:if test="$err">
        <xsl:attribute name="class">field has-error</xsl:attribute>
      </xsl:if>
      <label for="f-{$id}">
        <xsl:value-of select="key('str', concat('lookup.', $id))"/>
        <span class="req" aria-hidden="true">*</span>
      </label>
      <p class="hint" id="f-{$id}-hint">
        <xsl:value-of select="key('str', concat('lookup.', $id, '.hint'))"/>
      </p>
      <xsl:if test="$err">
        <p class="error" id="f-{$id}-err">
          <xsl:value-of select="key('str', concat('lookup.error.', $id, '.',
              $err/@what))"/>
        </p>
      </xsl:if>
      <input type="text" id="f-{$id}" name="{$id}" required="required"
          autocomplete="off" spellcheck="false" class="medium">
        <xsl:attribute name="aria-describedby">
          <xsl:value-of select="concat('f-', $id, '-hint')"/>
          <xsl:if test="$err"><xsl:value-of select="concat(' f-', $id, '-err')"/></xsl:if>
        </xsl:attribute>
        <xsl:if test="$err">
          <xsl:attribute name="aria-invalid">true</xsl:attribute>
        </xsl:if>
        <xsl:choose>
          <xsl:when test="$id = 'code'">
            <xsl:attribute name="autocapitalize">characters</xsl:attribute>
            <xsl:attribute name="maxlength">80</xsl:attribute>
          </xsl:when>
          <xsl:otherwise>
            <xsl:attribute name="inputmode">numeric</xsl:attribute>
            <xsl:attribute name="maxlength">32</xsl:attribute>
          </xsl:otherwise>
        </xsl:choose>
        <xsl:if test="$value != ''">
          <xsl:attribute name="value"><xsl:value-of select="$value"/></xsl:attribute>
        </xsl:if>
      </input>
    </div>
  </xsl:template>

  <!-- "2026-11-29T10:19:11+07:00", Vietnam time: 29/11/2026 10:19
       (English: 2026-11-29 10:19). -->
  <xsl:template match="received | due | completed">
    <time datetime="{@at}">
      <xsl:choose>
        <xsl:when test="$lang = 'vi'">
          <xsl:value-of select="concat(substring(@at, 9, 2), '/',
              substring(@at, 6, 2), '/', substring(@at, 1, 4))"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:value-of select="substring(@at, 1, 10)"/>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:value-of select="concat(' ', substring(@at, 12, 5))"/>
    </time>
  </xsl:template>

  <!-- The answer of the dossiers' store: no personal data in it. -->
  <xsl:template match="result">
    <section class="result" aria-labelledby="result-h" role="status">
      <h2 id="result-h"><xsl:value-of select="key('str', 'lookup.result')"/></h2>
      <dl class="facts">
        <div>
          <dt><xsl:value-of select="key('str', 'lookup.code')"/></dt>
          <dd><xsl:value-of select="@code"/></dd>
        </div>
        <div>
          <dt><xsl:value-of select="key('str', 'lookup.service')"/></dt>
          <dd><xsl:value-of select="service"/></dd>
        </div>
        <div>
          <dt><xsl:value-of select="key('str', 'lookup.state')"/></dt>
          <dd><xsl:value-of select="state"/></dd>
        </div>
        <xsl:for-each select="received | due | completed">
          <div>
            <dt><xsl:value-of select="key('str', concat('lookup.', name()))"/></dt>
            <dd><xsl:apply-templates select="."/></dd>
          </div>
        </xsl:for-each>
      </dl>
    </section>
  </xsl:template>

</xsl:stylesheet>
