<?xml version="1.0" encoding="UTF-8"?>
<!--
  signin.xsl - GET and POST /signin: a CCCD or user name and a password.
  View model (h_pages_account.c): /page/signin[@login, @next, @register
  (the link to /register, keeping next)]/error?[@field, @what] (what:
  missing, wrong, throttled, unavailable, origin; the text is
  signin.error.<what>).  next: the page to go to once signed in, posted
  back in a hidden field (checked by the server, next.h).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:include href="layout.xsl"/>

  <xsl:template match="/page" mode="title">
    <xsl:value-of select="key('str', 'signin.title')"/>
  </xsl:template>

  <xsl:template match="/page" mode="main">
    <h1><xsl:value-of select="key('str', 'signin.title')"/></h1>
    <xsl:apply-templates select="signin"/>
  </xsl:template>

  <xsl:template match="signin">
    <xsl:if test="error[not(@field)]">
      <p class="notice" role="alert">
        <xsl:value-of select="key('str', concat('signin.error.', error/@what))"/>
      </p>
    </xsl:if>
    <form method="post" action="/signin{$q}" class="signin">
      <xsl:if test="@next">
        <input type="hidden" name="next" value="{@next}"/>
      </xsl:if>
      <xsl:call-template name="input">
        <xsl:with-param name="id" select="'login'"/>
        <xsl:with-param name="type" select="'text'"/>
        <xsl:with-param name="value" select="@login"/>
        <xsl:with-param name="auto" select="'username'"/>
      </xsl:call-template>
      <xsl:call-template name="input">
        <xsl:with-param name="id" select="'password'"/>
        <xsl:with-param name="type" select="'password'"/>
        <xsl:with-param name="value" select="''"/>
        <xsl:with-param name="auto" select="'current-password'"/>
      </xsl:call-template>
      <p class="actions">
        <button type="submit" class="primary">
          <xsl:value-of select="key('str', 'signin.submit')"/>
        </button>
      </p>
    </form>
    <p class="note">
      <xsl:value-of select="key('str', 'signin.no-account')"/>
      <xsl:text> </xsl:text>
      <a href="{@register}" class="register">
        <xsl:value-of select="key('str', 'signin.register')"/>
      </a>
    </p>
  </xsl:template>

  <xsl:template name="input">
    <xsl:param name="id"/>
    <xsl:param name="type"/>
    <xsl:param name="value"/>
    <xsl:param name="auto"/>
    <xsl:variable name="err" select="error[@field = $id]"/>
    <div class="field">
      <xsl:if test="$err">
        <xsl:attribute name="class">field has-error</xsl:attribute>
      </xsl:if>
      <label for="f-{$id}">
        <xsl:value-of select="key('str', concat('signin.', $id))"/>
        <span class="req" aria-hidden="true">*</span>
      </label>
      <p class="hint" id="f-{$id}-hint">
        <xsl:value-of select="key('str', concat('signin.', $id, '.hint'))"/>
      </p>
      <xsl:if test="$err">
        <p class="error" id="f-{$id}-err">
          <xsl:value-of select="key('str', concat('signin.error.', $err/@what))"/>
        </p>
      </xsl:if>
      <input type="{$type}" id="f-{$id}" name="{$id}" required="required"
          autocomplete="{$auto}">
        <xsl:if test="$value != ''">
          <xsl:attribute name="value"><xsl:value-of select="$value"/></xsl:attribute>
        </xsl:if>
        <xsl:choose>
          <xsl:when test="$err">
            <xsl:attribute name="aria-invalid">true</xsl:attribute>
            <xsl:attribute name="aria-describedby">f-<xsl:value-of
                select="$id"/>-hint f-<xsl:value-of select="$id"/>-err</xsl:attribute>
          </xsl:when>
          <xsl:otherwise>
            <xsl:attribute name="aria-describedby">f-<xsl:value-of
                select="$id"/>-hint</xsl:attribute>
          </xsl:otherwise>
        </xsl:choose>
      </input>
    </div>
  </xsl:template>

</xsl:stylesheet>
