<?xml version="1.0" encoding="UTF-8"?>
<!--
  service.xsl - GET /services/{code}: what the procedure needs (fee,
  deadline, filing periods, legal basis) and its application form, built
  from the form definition; usable without JavaScript.

  View model (fcgi/web/h_pages.c, pages_service):
  /page/service[@code, @catalogue, @open, @fee, @working-days |
    @working-hours]/(name, window*, legal-basis,
    form[@id, @action, @multipart, @idempotency-key]/(title, error*,
      section[@id]/(title, field*)))
  field[@id, @type, @required, @conditional, @readonly, @prefill,
    @pattern, @minlength, @maxlength, @min, @max, @accept, @max-size-mb,
    @max-count, @unit-kind, @picker]/(label, hint?, condition?,
    option*[@value]/label, unit*[@code] (a unit field's choices, by name),
    value*, error*)

  The sections and fields are form-fields.xsl's (shared with the
  supplement form of dossier.xsl).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:include href="layout.xsl"/>
  <xsl:include href="form-fields.xsl"/>

  <xsl:template match="/page" mode="title">
    <xsl:value-of select="service/name"/>
  </xsl:template>

  <xsl:template match="/page" mode="main">
    <xsl:apply-templates select="service"/>
  </xsl:template>

  <xsl:template match="service">
    <p class="back">
      <a href="/{$q}">
        <span aria-hidden="true">← </span>
        <xsl:value-of select="key('str', 'service.back')"/>
      </a>
    </p>
    <h1><xsl:value-of select="name"/></h1>

    <section aria-labelledby="about-h">
      <h2 id="about-h"><xsl:value-of select="key('str', 'service.requirements')"/></h2>
      <xsl:call-template name="facts"/>
      <xsl:if test="@catalogue">
        <p class="small">
          <xsl:value-of select="key('str', 'service.code')"/>
          <xsl:text>: </xsl:text>
          <xsl:value-of select="@catalogue"/>
        </p>
      </xsl:if>
      <details>
        <summary><xsl:value-of select="key('str', 'service.legal-basis')"/></summary>
        <p><xsl:value-of select="legal-basis"/></p>
      </details>
    </section>

    <section aria-labelledby="form-h">
      <h2 id="form-h"><xsl:value-of select="key('str', 'form.heading')"/></h2>
      <xsl:choose>
        <xsl:when test="@open = 1">
          <xsl:apply-templates select="form"/>
        </xsl:when>
        <xsl:otherwise>
          <p class="notice"><xsl:value-of select="key('str', 'service.closed')"/></p>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <!-- ==== the form ==================================================== -->

  <xsl:template match="form">
    <form method="post" action="{@action}" class="apply" id="apply">
      <xsl:if test="@multipart">
        <xsl:attribute name="enctype">multipart/form-data</xsl:attribute>
      </xsl:if>
      <p class="form-title"><xsl:value-of select="title"/></p>
      <xsl:call-template name="form-errors"/>
      <p class="note"><xsl:value-of select="key('str', 'form.required-note')"/></p>
      <xsl:if test="not(/page/user)">
        <p class="note"><xsl:value-of select="key('str', 'form.sign-in-note')"/></p>
      </xsl:if>
      <xsl:if test="/page/@csrf">
        <input type="hidden" name="csrf" value="{/page/@csrf}"/>
      </xsl:if>
      <input type="hidden" name="idempotency_key" value="{@idempotency-key}"/>
      <xsl:apply-templates select="section"/>
      <p class="actions">
        <button type="submit" class="primary">
          <xsl:value-of select="key('str', 'form.submit')"/>
        </button>
      </p>
    </form>
  </xsl:template>

</xsl:stylesheet>
