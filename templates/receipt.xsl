<?xml version="1.0" encoding="UTF-8"?>
<!--
  receipt.xsl - GET /dossiers/{code}/receipt: the receipt of an
  application (like Mẫu 01 of Decree 61/2018): code, service, received,
  due date, the lookup PIN (only right after submission) and a QR code
  of the lookup link, drawn as inline SVG from a path the server makes.
  View model: /page/receipt[@code, @received, @due, @unit, @pin?,
  @lookup]/(service, state, status-name?, qr?[@size, @box, @d]).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:include href="layout.xsl"/>

  <xsl:template match="/page" mode="title">
    <xsl:value-of select="key('str', 'receipt.title')"/>
  </xsl:template>

  <xsl:template match="/page" mode="main">
    <xsl:apply-templates select="receipt"/>
  </xsl:template>

  <xsl:template match="receipt">
    <h1><xsl:value-of select="key('str', 'receipt.title')"/></h1>
    <p class="lead" role="status">
      <xsl:value-of select="key('str', 'receipt.done')"/>
    </p>
    <dl class="facts receipt">
      <div>
        <dt><xsl:value-of select="key('str', 'dossier.code')"/></dt>
        <dd class="code" id="code"><xsl:value-of select="@code"/></dd>
      </div>
      <div>
        <dt><xsl:value-of select="key('str', 'dossier.service')"/></dt>
        <dd><xsl:value-of select="service"/></dd>
      </div>
      <div>
        <dt><xsl:value-of select="key('str', 'dossier.received')"/></dt>
        <dd><xsl:call-template name="time">
          <xsl:with-param name="at" select="@received"/>
        </xsl:call-template></dd>
      </div>
      <div>
        <dt><xsl:value-of select="key('str', 'dossier.due')"/></dt>
        <dd>
          <xsl:choose>
            <xsl:when test="@due">
              <xsl:call-template name="time">
                <xsl:with-param name="at" select="@due"/>
              </xsl:call-template>
            </xsl:when>
            <xsl:otherwise>–</xsl:otherwise>
          </xsl:choose>
        </dd>
      </div>
      <div>
        <dt><xsl:value-of select="key('str', 'dossier.status')"/></dt>
        <dd><xsl:value-of select="state"/></dd>
      </div>
      <div>
        <dt><xsl:value-of select="key('str', 'receipt.pin')"/></dt>
        <dd>
          <xsl:choose>
            <xsl:when test="@pin">
              <strong class="pin" id="pin"><xsl:value-of select="@pin"/></strong>
              <span class="hint"><xsl:value-of select="key('str', 'receipt.pin.once')"/></span>
            </xsl:when>
            <xsl:otherwise>
              <xsl:value-of select="key('str', 'receipt.pin.shown')"/>
            </xsl:otherwise>
          </xsl:choose>
        </dd>
      </div>
    </dl>
    <xsl:apply-templates select="qr"/>
    <p>
      <a href="{@lookup}"><xsl:value-of select="key('str', 'receipt.lookup')"/></a>
    </p>
    <p class="actions">
      <a class="button" href="/dossiers/{@code}{$q}">
        <xsl:value-of select="key('str', 'dossier.open')"/>
      </a>
      <xsl:text> </xsl:text>
      <a class="button" href="/my{$q}">
        <xsl:value-of select="key('str', 'nav.my')"/>
      </a>
    </p>
  </xsl:template>

  <xsl:template match="qr">
    <figure class="qr">
      <svg viewBox="{@box}" width="160" height="160" role="img"
          aria-labelledby="qr-cap" shape-rendering="crispEdges">
        <rect x="-4" y="-4" width="{@size + 8}" height="{@size + 8}" fill="#fff"/>
        <path d="{@d}" fill="#000"/>
      </svg>
      <figcaption id="qr-cap">
        <xsl:value-of select="key('str', 'receipt.qr')"/>
      </figcaption>
    </figure>
  </xsl:template>

</xsl:stylesheet>
