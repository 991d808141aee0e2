<?xml version="1.0" encoding="UTF-8"?>
<!--
  control-sheet.xsl - GET /inspect/dossiers/{code}: the dossier control
  sheet (Mẫu 06, phiếu kiểm soát quá trình giải quyết hồ sơ).
  View model: /page/sheet[@code, @status, @received, @due?, @completed?,
  @unit, @csv]/(service, state, status-name?, holder?,
  steps/step*[@n, @action, @kind, @name?, @unit?, @unit-code?, @to-unit?,
  @at, @due?, @late?]/(label?, from?, to), trail[@more?]/entry*).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:include href="layout.xsl"/>
  <xsl:include href="trail.xsl"/>

  <xsl:template match="/page" mode="title">
    <xsl:value-of select="concat(key('str', 'sheet.title'), ' ', sheet/@code)"/>
  </xsl:template>

  <xsl:template match="/page" mode="main">
    <xsl:variable name="s" select="sheet"/>
    <p class="form-no"><xsl:value-of select="key('str', 'sheet.form')"/></p>
    <h1><xsl:value-of select="key('str', 'sheet.title')"/></h1>
    <dl class="facts">
      <dt><xsl:value-of select="key('str', 'dossier.code')"/></dt>
      <dd class="code" id="code"><xsl:value-of select="$s/@code"/></dd>
      <dt><xsl:value-of select="key('str', 'dossier.service')"/></dt>
      <dd><xsl:value-of select="$s/service"/></dd>
      <dt><xsl:value-of select="key('str', 'dossier.status')"/></dt>
      <dd><xsl:value-of select="$s/state"/></dd>
      <dt><xsl:value-of select="key('str', 'dossier.received')"/></dt>
      <dd><xsl:call-template name="time"><xsl:with-param name="at" select="$s/@received"/></xsl:call-template></dd>
      <xsl:if test="$s/@due">
        <dt><xsl:value-of select="key('str', 'dossier.due')"/></dt>
        <dd id="due"><xsl:call-template name="time"><xsl:with-param name="at" select="$s/@due"/></xsl:call-template></dd>
      </xsl:if>
    </dl>
    <p class="hint"><xsl:value-of select="key('str', 'sheet.rule')"/></p>
    <p><a href="{$s/@csv}" id="csv" download="audit.csv"><xsl:value-of select="key('str', 'inspect.csv')"/></a></p>
    <h2><xsl:value-of select="key('str', 'sheet.steps')"/></h2>
    <div class="table-wrap">
      <table class="sheet">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col"><xsl:value-of select="key('str', 'sheet.step')"/></th>
            <th scope="col"><xsl:value-of select="key('str', 'sheet.gave')"/></th>
            <th scope="col"><xsl:value-of select="key('str', 'sheet.received')"/></th>
            <th scope="col"><xsl:value-of select="key('str', 'sheet.at')"/></th>
            <th scope="col"><xsl:value-of select="key('str', 'sheet.due')"/></th>
            <th scope="col"><xsl:value-of select="key('str', 'sheet.result')"/></th>
          </tr>
        </thead>
        <tbody>
          <xsl:for-each select="$s/steps/step">
            <tr class="step" data-action="{@action}" data-late="{@late}">
              <xsl:if test="@late = '1'">
                <xsl:attribute name="class">step flag-overdue</xsl:attribute>
              </xsl:if>
              <th scope="row"><xsl:value-of select="@n"/></th>
              <td>
                <xsl:choose>
                  <xsl:when test="label"><xsl:value-of select="label"/></xsl:when>
                  <xsl:otherwise><xsl:value-of select="@action"/></xsl:otherwise>
                </xsl:choose>
                <br/>
                <xsl:if test="from"><xsl:value-of select="concat(from, ' → ')"/></xsl:if>
                <xsl:value-of select="to"/>
              </td>
              <td>
                <xsl:value-of select="@name"/>
                <xsl:if test="not(@name)"><xsl:value-of select="@kind"/></xsl:if>
                <xsl:if test="@unit">
                  <br/><xsl:value-of select="@unit"/>
                </xsl:if>
              </td>
              <td>
                <xsl:choose>
                  <xsl:when test="@to-unit"><span class="code"><xsl:value-of select="@to-unit"/></span></xsl:when>
                  <xsl:otherwise><xsl:value-of select="key('str', 'sheet.applicant')"/></xsl:otherwise>
                </xsl:choose>
              </td>
              <td><xsl:call-template name="time"><xsl:with-param name="at" select="@at"/></xsl:call-template></td>
              <td>
                <xsl:choose>
                  <xsl:when test="@due"><xsl:call-template name="time"><xsl:with-param name="at" select="@due"/></xsl:call-template></xsl:when>
                  <xsl:otherwise>–</xsl:otherwise>
                </xsl:choose>
              </td>
              <td class="result">
                <xsl:choose>
                  <xsl:when test="@late = '1'"><strong><xsl:value-of select="key('str', 'sheet.late')"/></strong></xsl:when>
                  <xsl:when test="@late = '0'"><xsl:value-of select="key('str', 'sheet.ontime')"/></xsl:when>
                  <xsl:otherwise>–</xsl:otherwise>
                </xsl:choose>
              </td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </div>
    <h2><xsl:value-of select="key('str', 'sheet.trail')"/></h2>
    <xsl:call-template name="entries">
      <xsl:with-param name="e" select="$s/trail/entry"/>
    </xsl:call-template>
    <xsl:if test="$s/trail/@more">
      <p><a href="{$s/trail/@more}" rel="next"><xsl:value-of select="key('str', 'inbox.next')"/></a></p>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
