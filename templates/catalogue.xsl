<?xml version="1.0" encoding="UTF-8"?>
<!--
  catalogue.xsl - GET /: the services taking applications now, then the
  others with their filing periods.
  View model: /page/services/service[@code, @open, @fee, @working-days |
  @working-hours]/(name, window*).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:include href="layout.xsl"/>

  <xsl:template match="/page" mode="title">
    <xsl:value-of select="key('str', 'catalogue.title')"/>
  </xsl:template>

  <xsl:template match="/page" mode="main">
    <h1><xsl:value-of select="key('str', 'catalogue.title')"/></h1>
    <p class="lead"><xsl:value-of select="key('str', 'catalogue.intro')"/></p>

    <section aria-labelledby="open-h">
      <h2 id="open-h"><xsl:value-of select="key('str', 'catalogue.open')"/></h2>
      <xsl:choose>
        <xsl:when test="services/service[@open = 1]">
          <ul class="cards">
            <xsl:apply-templates select="services/service[@open = 1]"/>
          </ul>
        </xsl:when>
        <xsl:otherwise>
          <p><xsl:value-of select="key('str', 'catalogue.none-open')"/></p>
        </xsl:otherwise>
      </xsl:choose>
    </section>

    <xsl:if test="services/service[@open = 0]">
      <section aria-labelledby="closed-h">
        <h2 id="closed-h"><xsl:value-of select="key('str', 'catalogue.closed')"/></h2>
        <ul class="cards">
          <xsl:apply-templates select="services/service[@open = 0]"/>
        </ul>
      </section>
    </xsl:if>
  </xsl:template>

  <xsl:template match="service">
    <li class="card" id="svc-{@code}">
      <h3>
        <a class="card-link" href="/services/{@code}{$q}"><xsl:value-of select="name"/></a>
      </h3>
      <xsl:call-template name="facts"/>
      <!-- The heading's link covers the card (CSS): one tab stop, a
           big touch target; this is only what it looks like. -->
      <p class="more" aria-hidden="true">
        <xsl:choose>
          <xsl:when test="@open = 1">
            <xsl:value-of select="key('str', 'catalogue.details')"/>
          </xsl:when>
          <xsl:otherwise>
            <xsl:value-of select="key('str', 'catalogue.details-closed')"/>
          </xsl:otherwise>
        </xsl:choose>
      </p>
    </li>
  </xsl:template>

</xsl:stylesheet>
