<?xml version="1.0" encoding="UTF-8"?>
<!--
  inspect.xsl - GET /inspect: the inspector's search of the audit trail.
  View model: /page/inspect[@csv, @first?, @next?]/(filters[@dossier?,
  @actor?, @unit?, @action?, @from?, @to?], entry*[@id, @at, @kind,
  @login?, @name?, @unit?, @role?, @action, @object?, @ip?,
  @request?]/detail?).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:include href="layout.xsl"/>
  <xsl:include href="trail.xsl"/>

  <xsl:template match="/page" mode="title">
    <xsl:value-of select="key('str', 'inspect.title')"/>
  </xsl:template>

  <xsl:template name="filter">
    <xsl:param name="id"/>
    <xsl:param name="type" select="'search'"/>
    <div class="field">
      <label for="f-{$id}"><xsl:value-of select="key('str', concat('inspect.', $id))"/></label>
      <input type="{$type}" id="f-{$id}" name="{$id}" maxlength="64"
          value="{inspect/filters/@*[name() = $id]}" autocomplete="off"
          spellcheck="false"/>
    </div>
  </xsl:template>

  <xsl:template match="/page" mode="main">
    <h1><xsl:value-of select="key('str', 'inspect.title')"/></h1>
    <p class="notice"><xsl:value-of select="key('str', 'inspect.readonly')"/></p>
    <form method="get" action="/inspect" class="filters">
      <xsl:if test="$lang = 'en'">
        <input type="hidden" name="lang" value="en"/>
      </xsl:if>
      <xsl:call-template name="filter"><xsl:with-param name="id" select="'dossier'"/></xsl:call-template>
      <xsl:call-template name="filter"><xsl:with-param name="id" select="'actor'"/></xsl:call-template>
      <xsl:call-template name="filter"><xsl:with-param name="id" select="'unit'"/></xsl:call-template>
      <xsl:call-template name="filter"><xsl:with-param name="id" select="'action'"/></xsl:call-template>
      <xsl:call-template name="filter"><xsl:with-param name="id" select="'from'"/></xsl:call-template>
      <xsl:call-template name="filter"><xsl:with-param name="id" select="'to'"/></xsl:call-template>
      <p class="hint"><xsl:value-of select="key('str', 'inspect.time.hint')"/></p>
      <div class="field">
        <button type="submit" class="secondary">
          <xsl:value-of select="key('str', 'inspect.search')"/>
        </button>
      </div>
    </form>
    <p><a href="{inspect/@csv}" id="csv" download="audit.csv"><xsl:value-of select="key('str', 'inspect.csv')"/></a></p>
    <xsl:choose>
      <xsl:when test="inspect/entry">
        <xsl:call-template name="entries">
          <xsl:with-param name="e" select="inspect/entry"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <p id="empty"><xsl:value-of select="key('str', 'inspect.none')"/></p>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:if test="inspect/@first or inspect/@next">
      <nav class="pager" aria-label="{key('str', 'inbox.pages')}">
        <xsl:if test="inspect/@first">
          <a href="{inspect/@first}"><xsl:value-of select="key('str', 'inspect.first')"/></a>
        </xsl:if>
        <xsl:if test="inspect/@next">
          <a href="{inspect/@next}" rel="next"><xsl:value-of select="key('str', 'inbox.next')"/></a>
        </xsl:if>
      </nav>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
