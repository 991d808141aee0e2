<?xml version="1.0" encoding="UTF-8"?>
<!--
  my.xsl - GET /my: the signed-in citizen's dossiers, by due date.
  View model: /page/dossiers/dossier*[@code, @received, @due?,
  @completed?, @days?, @hours?, @minutes?, @late?, @paused?]/(service,
  state, status-name?, holder[@code]? (the unit handling it, by name)).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:include href="layout.xsl"/>

  <xsl:template match="/page" mode="title">
    <xsl:value-of select="key('str', 'my.title')"/>
  </xsl:template>

  <xsl:template match="/page" mode="main">
    <h1><xsl:value-of select="key('str', 'my.title')"/></h1>
    <xsl:choose>
      <xsl:when test="dossiers/dossier">
        <ul class="dossiers">
          <xsl:apply-templates select="dossiers/dossier"/>
        </ul>
      </xsl:when>
      <xsl:otherwise>
        <p><xsl:value-of select="key('str', 'my.none')"/></p>
        <p><a href="/{$q}"><xsl:value-of select="key('str', 'nav.services')"/></a></p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="dossier">
    <li class="dossier">
      <h2>
        <a href="/dossiers/{@code}{$q}">
          <span class="code"><xsl:value-of select="@code"/></span>
          <xsl:text> – </xsl:text>
          <xsl:value-of select="service"/>
        </a>
      </h2>
      <dl class="facts">
        <div>
          <dt><xsl:value-of select="key('str', 'dossier.status')"/></dt>
          <dd><xsl:value-of select="state"/></dd>
        </div>
        <xsl:if test="holder">
          <div>
            <dt><xsl:value-of select="key('str', 'dossier.holder')"/></dt>
            <dd><xsl:value-of select="holder"/></dd>
          </div>
        </xsl:if>
        <div>
          <dt><xsl:value-of select="key('str', 'dossier.due')"/></dt>
          <dd>
            <xsl:choose>
              <xsl:when test="@completed">
                <xsl:value-of select="key('str', 'dossier.completed')"/>
                <xsl:text> </xsl:text>
                <xsl:call-template name="time">
                  <xsl:with-param name="at" select="@completed"/>
                </xsl:call-template>
              </xsl:when>
              <xsl:when test="@due">
                <xsl:call-template name="time">
                  <xsl:with-param name="at" select="@due"/>
                </xsl:call-template>
              </xsl:when>
              <xsl:otherwise>–</xsl:otherwise>
            </xsl:choose>
          </dd>
        </div>
        <xsl:if test="not(@completed)">
          <div>
            <dt><xsl:value-of select="key('str', 'dossier.remaining')"/></dt>
            <dd><xsl:call-template name="remaining"/></dd>
          </div>
        </xsl:if>
      </dl>
    </li>
  </xsl:template>

</xsl:stylesheet>
