<?xml version="1.0" encoding="UTF-8"?>
<!--
  payment.xsl - GET /payments/vnpay/return: where the payment gateway
  sends the citizen back.  It shows what the gateway signed and the
  payment as held here; it changes nothing (docs/payments.md).
  View model: /page/payment[@valid, @success?, @response?, @ref?,
  @dossier?, @state?, @amount?].
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:include href="layout.xsl"/>

  <xsl:template match="/page" mode="title">
    <xsl:value-of select="key('str', 'payment.title')"/>
  </xsl:template>

  <xsl:template match="/page" mode="main">
    <xsl:apply-templates select="payment"/>
  </xsl:template>

  <xsl:template match="payment">
    <h1><xsl:value-of select="key('str', 'payment.title')"/></h1>
    <xsl:choose>
      <xsl:when test="@valid = 'false'">
        <p class="error-summary" role="alert" id="outcome" data-outcome="invalid">
          <xsl:value-of select="key('str', 'payment.invalid')"/>
        </p>
      </xsl:when>
      <xsl:otherwise>
        <p class="lead" role="status" id="outcome">
          <xsl:attribute name="data-outcome">
            <xsl:choose>
              <xsl:when test="@success = 'true'">success</xsl:when>
              <xsl:otherwise>failure</xsl:otherwise>
            </xsl:choose>
          </xsl:attribute>
          <xsl:choose>
            <xsl:when test="@success = 'true'"><xsl:value-of select="key('str', 'payment.success')"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="key('str', 'payment.failure')"/></xsl:otherwise>
          </xsl:choose>
        </p>
        <dl class="facts">
          <div>
            <dt><xsl:value-of select="key('str', 'payment.ref')"/></dt>
            <dd id="ref"><xsl:value-of select="@ref"/></dd>
          </div>
          <div>
            <dt><xsl:value-of select="key('str', 'payment.code')"/></dt>
            <dd id="response"><xsl:value-of select="@response"/></dd>
          </div>
          <xsl:if test="@amount">
            <div>
              <dt><xsl:value-of select="key('str', 'payment.amount')"/></dt>
              <dd id="amount"><xsl:value-of select="format-number(@amount, '#,##0')"/> đ</dd>
            </div>
          </xsl:if>
          <xsl:if test="@state">
            <div>
              <dt><xsl:value-of select="key('str', 'payment.state')"/></dt>
              <dd id="state" data-state="{@state}"><xsl:value-of select="key('str', concat('payment.state.', @state))"/></dd>
            </div>
          </xsl:if>
        </dl>
        <xsl:if test="@dossier">
          <p><a href="/dossiers/{@dossier}"><xsl:value-of select="key('str', 'payment.dossier')"/></a></p>
        </xsl:if>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
