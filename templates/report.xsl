<?xml version="1.0" encoding="UTF-8"?>
<!--
  report.xsl - GET /reports: the periodic report on one-stop processing
  (docs/statistics.md): the form, the table (one row per figure, one
  column per service and the total: narrow enough for a phone), and two
  charts drawn here as SVG (no script): the outcome of the dossiers per
  service, and the indicators in percent.
  View model: /page/report/(form[@unit?, @from?, @to?, @service?,
  @subunits?]/service[@code]*, result[@unit, @unit-name]?/(line*,
  total)[@service?, @name?, @avg-days?]/(c[@k, @v]*, r[@k, @percent?]*)).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:svg="http://www.w3.org/2000/svg"
    exclude-result-prefixes="svg">

  <xsl:include href="layout.xsl"/>

  <xsl:template match="/page" mode="title">
    <xsl:value-of select="key('str', 'report.title')"/>
  </xsl:template>

  <xsl:template match="/page" mode="main">
    <xsl:variable name="f" select="report/form"/>
    <h1><xsl:value-of select="key('str', 'report.title')"/></h1>
    <p class="hint"><xsl:value-of select="key('str', 'report.lead')"/></p>
    <form method="get" action="/reports" class="filters report-form">
      <xsl:if test="$lang = 'en'">
        <input type="hidden" name="lang" value="en"/>
      </xsl:if>
      <div class="field">
        <label for="r-unit"><xsl:value-of select="key('str', 'report.unit')"/></label>
        <input type="text" id="r-unit" name="unit" value="{$f/@unit}"
            maxlength="40" required="required" spellcheck="false"/>
      </div>
      <div class="field">
        <label for="r-from"><xsl:value-of select="key('str', 'report.from')"/></label>
        <input type="date" id="r-from" name="from" value="{$f/@from}"
            required="required"/>
      </div>
      <div class="field">
        <label for="r-to"><xsl:value-of select="key('str', 'report.to')"/></label>
        <input type="date" id="r-to" name="to" value="{$f/@to}"
            required="required"/>
      </div>
      <div class="field">
        <label for="r-service"><xsl:value-of select="key('str', 'report.service')"/></label>
        <select id="r-service" name="service">
          <option value=""><xsl:value-of select="key('str', 'report.any')"/></option>
          <xsl:for-each select="$f/service">
            <option value="{@code}">
              <xsl:if test="@code = $f/@service">
                <xsl:attribute name="selected">selected</xsl:attribute>
              </xsl:if>
              <xsl:value-of select="."/>
            </option>
          </xsl:for-each>
        </select>
      </div>
      <div class="field check">
        <input type="checkbox" id="r-sub" name="subunits" value="1">
          <xsl:if test="$f/@subunits">
            <xsl:attribute name="checked">checked</xsl:attribute>
          </xsl:if>
        </input>
        <label for="r-sub"><xsl:value-of select="key('str', 'report.subunits')"/></label>
      </div>
      <p><button type="submit"><xsl:value-of select="key('str', 'report.submit')"/></button></p>
    </form>
    <xsl:apply-templates select="report/result"/>
  </xsl:template>

  <xsl:template match="result">
    <xsl:variable name="f" select="../form"/>
    <section class="report" aria-labelledby="r-head">
      <h2 id="r-head">
        <xsl:value-of select="@unit-name"/>
        <xsl:text> (</xsl:text>
        <span class="code"><xsl:value-of select="@unit"/></span>
        <xsl:text>) · </xsl:text>
        <xsl:value-of select="concat($f/@from, ' – ', $f/@to)"/>
      </h2>
      <p>
        <a href="/api/v1/reports/one-stop?unit={@unit}&amp;from={$f/@from}&amp;to={$f/@to}&amp;service={$f/@service}&amp;subunits={count($f/@subunits)}&amp;format=csv">
          <xsl:value-of select="key('str', 'report.csv')"/>
        </a>
      </p>
      <h3><xsl:value-of select="key('str', 'report.chart.progress')"/></h3>
      <ul class="legend">
        <li class="k-early"><xsl:value-of select="key('str', 'report.c.resolved_early')"/></li>
        <li class="k-on-time"><xsl:value-of select="key('str', 'report.c.resolved_on_time')"/></li>
        <li class="k-late"><xsl:value-of select="key('str', 'report.c.resolved_late')"/></li>
        <li class="k-within"><xsl:value-of select="key('str', 'report.c.in_progress_within')"/></li>
        <li class="k-overdue"><xsl:value-of select="key('str', 'report.c.in_progress_overdue')"/></li>
      </ul>
      <xsl:apply-templates select="line | total" mode="bar"/>
      <h3><xsl:value-of select="key('str', 'report.chart.rates')"/></h3>
      <xsl:apply-templates select="total" mode="rates"/>
      <div class="table-wrap">
        <table class="report-table">
          <thead>
            <tr>
              <th scope="col"><xsl:value-of select="key('str', 'report.figure')"/></th>
              <xsl:for-each select="line">
                <th scope="col"><xsl:value-of select="@name"/></th>
              </xsl:for-each>
              <th scope="col"><xsl:value-of select="key('str', 'report.total')"/></th>
            </tr>
          </thead>
          <tbody>
            <xsl:for-each select="total/c">
              <xsl:variable name="k" select="@k"/>
              <tr class="c-{$k}">
                <th scope="row"><xsl:value-of select="key('str', concat('report.c.', $k))"/></th>
                <xsl:for-each select="../../line">
                  <td><xsl:value-of select="c[@k = $k]/@v"/></td>
                </xsl:for-each>
                <td><xsl:value-of select="@v"/></td>
              </tr>
            </xsl:for-each>
            <xsl:for-each select="total/r">
              <xsl:variable name="k" select="@k"/>
              <tr class="r-{$k}">
                <th scope="row"><xsl:value-of select="concat(key('str', concat('report.r.', $k)), ' (%)')"/></th>
                <xsl:for-each select="../../line">
                  <td><xsl:call-template name="pct"><xsl:with-param name="p" select="r[@k = $k]/@percent"/></xsl:call-template></td>
                </xsl:for-each>
                <td><xsl:call-template name="pct"><xsl:with-param name="p" select="@percent"/></xsl:call-template></td>
              </tr>
            </xsl:for-each>
            <tr class="avg">
              <th scope="row"><xsl:value-of select="key('str', 'report.avg')"/></th>
              <xsl:for-each select="line">
                <td><xsl:call-template name="pct"><xsl:with-param name="p" select="@avg-days"/></xsl:call-template></td>
              </xsl:for-each>
              <td><xsl:call-template name="pct"><xsl:with-param name="p" select="total/@avg-days"/></xsl:call-template></td>
            </tr>
          </tbody>
        </table>
      </div>
    </section>
  </xsl:template>

  <xsl:template name="pct">
    <xsl:param name="p"/>
    <xsl:choose>
      <xsl:when test="string($p) != ''"><xsl:value-of select="$p"/></xsl:when>
      <xsl:otherwise>–</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- One stacked bar: resolved early, on time, late, in progress within,
       overdue, as shares of resolved + in progress. -->
  <xsl:template match="line | total" mode="bar">
    <xsl:variable name="e" select="number(c[@k = 'resolved_early']/@v)"/>
    <xsl:variable name="o" select="number(c[@k = 'resolved_on_time']/@v)"/>
    <xsl:variable name="l" select="number(c[@k = 'resolved_late']/@v)"/>
    <xsl:variable name="w" select="number(c[@k = 'in_progress_within']/@v)"/>
    <xsl:variable name="d" select="number(c[@k = 'in_progress_overdue']/@v)"/>
    <xsl:variable name="n" select="$e + $o + $l + $w + $d"/>
    <xsl:variable name="label">
      <xsl:choose>
        <xsl:when test="self::total"><xsl:value-of select="key('str', 'report.total')"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="@name"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <figure class="bar">
      <figcaption><xsl:value-of select="concat($label, ': ', $n)"/></figcaption>
      <svg xmlns="http://www.w3.org/2000/svg" class="chart chart-bar"
          viewBox="0 0 100 8" preserveAspectRatio="none" role="img"
          aria-label="{concat($label, ': ', $e, ' / ', $o, ' / ', $l, ' / ', $w, ' / ', $d)}">
        <rect class="k-none" x="0" y="0" width="100" height="8"/>
        <xsl:if test="$n &gt; 0">
          <rect class="k-early" x="0" y="0" width="{100 * $e div $n}" height="8"/>
          <rect class="k-on-time" x="{100 * $e div $n}" y="0" width="{100 * $o div $n}" height="8"/>
          <rect class="k-late" x="{100 * ($e + $o) div $n}" y="0" width="{100 * $l div $n}" height="8"/>
          <rect class="k-within" x="{100 * ($e + $o + $l) div $n}" y="0" width="{100 * $w div $n}" height="8"/>
          <rect class="k-overdue" x="{100 * ($e + $o + $l + $w) div $n}" y="0" width="{100 * $d div $n}" height="8"/>
        </xsl:if>
      </svg>
    </figure>
  </xsl:template>

  <!-- The indicators of the total as horizontal bars, 0 to 100%. -->
  <xsl:template match="total" mode="rates">
    <svg xmlns="http://www.w3.org/2000/svg" class="chart chart-rates"
        viewBox="0 0 320 {count(r) * 28}" role="img"
        aria-label="{key('str', 'report.chart.rates')}">
      <xsl:for-each select="r">
        <xsl:variable name="y" select="(position() - 1) * 28"/>
        <xsl:variable name="p">
          <xsl:choose>
            <xsl:when test="string(@percent) != ''"><xsl:value-of select="number(@percent)"/></xsl:when>
            <xsl:otherwise>0</xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <text x="0" y="{$y + 12}" class="label"><xsl:value-of select="key('str', concat('report.r.', @k))"/></text>
        <rect class="track" x="0" y="{$y + 16}" width="260" height="8"/>
        <rect class="value" x="0" y="{$y + 16}" width="{2.6 * $p}" height="8"/>
        <text x="320" y="{$y + 24}" class="pct" text-anchor="end">
          <xsl:call-template name="pct"><xsl:with-param name="p" select="@percent"/></xsl:call-template>
        </text>
      </xsl:for-each>
    </svg>
  </xsl:template>
</xsl:stylesheet>
