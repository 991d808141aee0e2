<?xml version="1.0" encoding="UTF-8"?>
<!--
  register.xsl - GET and POST /register: a citizen's account (CCCD, full
  name, phone and/or e-mail, password twice), and what happens next.
  View model (h_pages_account.c): /page/register[@next, @signin (the
  link to /signin, keeping next)]/(error?[@what] (origin, throttled,
  unavailable: the text is register.error.<what>), field*[@id, @value]/
  error? (the text of the error, in the page's language)).  Passwords
  are never sent back.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:include href="layout.xsl"/>

  <xsl:template match="/page" mode="title">
    <xsl:value-of select="key('str', 'register.title')"/>
  </xsl:template>

  <xsl:template match="/page" mode="main">
    <h1><xsl:value-of select="key('str', 'register.title')"/></h1>
    <p class="lead"><xsl:value-of select="key('str', 'register.intro')"/></p>
    <xsl:apply-templates select="register"/>
  </xsl:template>

  <xsl:template match="register">
    <xsl:if test="error">
      <p class="notice" role="alert">
        <xsl:value-of select="key('str', concat('register.error.', error/@what))"/>
      </p>
    </xsl:if>
    <xsl:if test="field/error">
      <div class="error-summary" role="alert">
        <p><strong><xsl:value-of select="key('str', 'register.errors')"/></strong></p>
        <ul>
          <xsl:for-each select="field[error]">
            <li>
              <a href="#f-{@id}">
                <xsl:value-of select="key('str', concat('register.', @id))"/>
                <xsl:text>: </xsl:text>
                <xsl:value-of select="error"/>
              </a>
            </li>
          </xsl:for-each>
        </ul>
      </div>
    </xsl:if>
    <form method="post" action="/register{$q}" class="register">
      <xsl:if test="@next">
        <input type="hidden" name="next" value="{@next}"/>
      </xsl:if>
      <xsl:apply-templates select="field"/>
      <p class="actions">
        <button type="submit" class="primary">
          <xsl:value-of select="key('str', 'register.submit')"/>
        </button>
      </p>
    </form>
    <section aria-labelledby="next-h">
      <h2 id="next-h"><xsl:value-of select="key('str', 'register.next.title')"/></h2>
      <p><xsl:value-of select="key('str', 'register.next.new')"/></p>
      <p><xsl:value-of select="key('str', 'register.next.existing')"/></p>
    </section>
    <p class="note">
      <xsl:value-of select="key('str', 'register.have-account')"/>
      <xsl:text> </xsl:text>
      <a href="{@signin}"><xsl:value-of select="key('str', 'register.signin')"/></a>
    </p>
  </xsl:template>

  <xsl:template match="field">
    <xsl:variable name="id" select="@id"/>
    <xsl:variable name="required" select="$id != 'phone' and $id != 'email'"/>
    <div class="field">
      <xsl:if test="error">
        <xsl:attribute name="class">field has-error</xsl:attribute>
      </xsl:if>
      <label for="f-{$id}">
        <xsl:value-of select="key('str', concat('register.', $id))"/>
        <xsl:if test="$required">
          <span class="req" aria-hidden="true">*</span>
        </xsl:if>
      </label>
      <p class="hint" id="f-{$id}-hint">
        <xsl:value-of select="key('str', concat('register.', $id, '.hint'))"/>
      </p>
      <xsl:if test="error">
        <p class="error" id="f-{$id}-err"><xsl:value-of select="error"/></p>
      </xsl:if>
      <input id="f-{$id}" name="{$id}">
        <xsl:choose>
          <xsl:when test="$id = 'cccd'">
            <xsl:attribute name="type">text</xsl:attribute>
            <xsl:attribute name="inputmode">numeric</xsl:attribute>
            <xsl:attribute name="autocomplete">username</xsl:attribute>
            <xsl:attribute name="maxlength">32</xsl:attribute>
            <xsl:attribute name="class">medium</xsl:attribute>
          </xsl:when>
          <xsl:when test="$id = 'full_name'">
            <xsl:attribute name="type">text</xsl:attribute>
            <xsl:attribute name="autocomplete">name</xsl:attribute>
            <xsl:attribute name="maxlength">200</xsl:attribute>
          </xsl:when>
          <xsl:when test="$id = 'phone'">
            <xsl:attribute name="type">tel</xsl:attribute>
            <xsl:attribute name="autocomplete">tel</xsl:attribute>
            <xsl:attribute name="maxlength">32</xsl:attribute>
            <xsl:attribute name="class">medium</xsl:attribute>
          </xsl:when>
          <xsl:when test="$id = 'email'">
            <xsl:attribute name="type">email</xsl:attribute>
            <xsl:attribute name="autocomplete">email</xsl:attribute>
            <xsl:attribute name="spellcheck">false</xsl:attribute>
            <xsl:attribute name="maxlength">254</xsl:attribute>
          </xsl:when>
          <xsl:otherwise>
            <xsl:attribute name="type">password</xsl:attribute>
            <xsl:attribute name="autocomplete">new-password</xsl:attribute>
            <xsl:attribute name="maxlength">256</xsl:attribute>
          </xsl:otherwise>
        </xsl:choose>
        <xsl:if test="$required">
          <xsl:attribute name="required">required</xsl:attribute>
        </xsl:if>
        <xsl:if test="@value != ''">
          <xsl:attribute name="value"><xsl:value-of select="@value"/></xsl:attribute>
        </xsl:if>
        <xsl:attribute name="aria-describedby">
          <xsl:value-of select="concat('f-', $id, '-hint')"/>
          <xsl:if test="error"><xsl:value-of select="concat(' f-', $id, '-err')"/></xsl:if>
        </xsl:attribute>
        <xsl:if test="error">
          <xsl:attribute name="aria-invalid">true</xsl:attribute>
        </xsl:if>
      </input>
    </div>
  </xsl:template>

</xsl:stylesheet>
