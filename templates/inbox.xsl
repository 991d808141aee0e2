<?xml version="1.0" encoding="UTF-8"?>
<!--
  inbox.xsl - GET /inbox: the dossiers the staff member's unit holds
  (inspectors: every dossier, read-only), by due date, with filters.
  View model: /page/inbox[@readonly?, @moved?, @page, @prev?, @next?]/(filters[@service?,
  @state?, @due?, @code?]/(service[@code]*, state[@id, @service?]*),
  dossier*[@code, @received, @due?, @completed?, @days?, @hours?,
  @minutes?, @late?, @paused?, @flag?]/(service, state, status-name?)).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:include href="layout.xsl"/>

  <xsl:template match="/page" mode="title">
    <xsl:value-of select="key('str', 'inbox.title')"/>
  </xsl:template>

  <xsl:template match="/page" mode="main">
    <xsl:variable name="f" select="inbox/filters"/>
    <h1><xsl:value-of select="key('str', 'inbox.title')"/></h1>
    <xsl:if test="inbox/@readonly">
      <p class="notice"><xsl:value-of select="key('str', 'inbox.readonly')"/></p>
    </xsl:if>
    <xsl:if test="inbox/@moved">
      <p class="notice" role="status" id="notice">
        <xsl:value-of select="key('str', 'inbox.moved')"/>
        <xsl:text> </xsl:text>
        <span class="code"><xsl:value-of select="inbox/@moved"/></span>
      </p>
    </xsl:if>
    <form method="get" action="/inbox" class="filters">
      <xsl:if test="$lang = 'en'">
        <input type="hidden" name="lang" value="en"/>
      </xsl:if>
      <div class="field by-code">
        <label for="f-code"><xsl:value-of select="key('str', 'inbox.code')"/></label>
        <input type="search" id="f-code" name="code" value="{$f/@code}"
            maxlength="76" autocomplete="off" spellcheck="false"
            aria-describedby="f-code-hint"/>
        <p class="hint" id="f-code-hint"><xsl:value-of select="key('str', 'inbox.code.hint')"/></p>
      </div>
      <div class="field">
        <label for="f-service"><xsl:value-of select="key('str', 'inbox.service')"/></label>
        <select id="f-service" name="service">
          <option value=""><xsl:value-of select="key('str', 'inbox.any')"/></option>
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
      <div class="field">
        <label for="f-state"><xsl:value-of select="key('str', 'inbox.state')"/></label>
        <select id="f-state" name="state">
          <option value=""><xsl:value-of select="key('str', 'inbox.any')"/></option>
          <xsl:for-each select="$f/state">
            <option value="{@id}">
              <xsl:if test="@id = $f/@state">
                <xsl:attribute name="selected">selected</xsl:attribute>
              </xsl:if>
              <xsl:value-of select="."/>
              <xsl:if test="@service">
                <xsl:value-of select="concat(' (', @service, ')')"/>
              </xsl:if>
            </option>
          </xsl:for-each>
        </select>
      </div>
      <div class="field">
        <label for="f-due"><xsl:value-of select="key('str', 'inbox.due')"/></label>
        <select id="f-due" name="due">
          <option value=""><xsl:value-of select="key('str', 'inbox.any')"/></option>
          <option value="overdue">
            <xsl:if test="$f/@due = 'overdue'">
              <xsl:attribute name="selected">selected</xsl:attribute>
            </xsl:if>
            <xsl:value-of select="key('str', 'inbox.flag.overdue')"/>
          </option>
          <option value="soon">
            <xsl:if test="$f/@due = 'soon'">
              <xsl:attribute name="selected">selected</xsl:attribute>
            </xsl:if>
            <xsl:value-of select="key('str', 'inbox.flag.soon')"/>
          </option>
        </select>
      </div>
      <div class="field">
        <button type="submit" class="secondary">
          <xsl:value-of select="key('str', 'inbox.filter')"/>
        </button>
      </div>
    </form>
    <xsl:choose>
      <xsl:when test="inbox/dossier">
        <div class="table-wrap">
          <table class="inbox">
            <caption><xsl:value-of select="concat(key('str', 'inbox.count'), ' ', count(inbox/dossier))"/></caption>
            <thead>
              <tr>
                <th scope="col"><xsl:value-of select="key('str', 'dossier.code')"/></th>
                <th scope="col"><xsl:value-of select="key('str', 'dossier.service')"/></th>
                <th scope="col"><xsl:value-of select="key('str', 'dossier.status')"/></th>
                <th scope="col"><xsl:value-of select="key('str', 'dossier.received')"/></th>
                <th scope="col"><xsl:value-of select="key('str', 'dossier.due')"/></th>
                <th scope="col"><xsl:value-of select="key('str', 'dossier.remaining')"/></th>
              </tr>
            </thead>
            <tbody>
              <xsl:apply-templates select="inbox/dossier"/>
            </tbody>
          </table>
        </div>
      </xsl:when>
      <xsl:otherwise>
        <p id="empty"><xsl:value-of select="key('str', 'inbox.none')"/></p>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:if test="inbox/@prev or inbox/@next">
      <nav class="pager" aria-label="{key('str', 'inbox.pages')}">
        <xsl:if test="inbox/@prev">
          <a href="{inbox/@prev}" rel="prev"><xsl:value-of select="key('str', 'inbox.prev')"/></a>
        </xsl:if>
        <span><xsl:value-of select="concat(key('str', 'inbox.page'), ' ', inbox/@page)"/></span>
        <xsl:if test="inbox/@next">
          <a href="{inbox/@next}" rel="next"><xsl:value-of select="key('str', 'inbox.next')"/></a>
        </xsl:if>
      </nav>
    </xsl:if>
  </xsl:template>

  <xsl:template match="dossier">
    <tr>
      <xsl:if test="@flag">
        <xsl:attribute name="class">flag-<xsl:value-of select="@flag"/></xsl:attribute>
      </xsl:if>
      <th scope="row">
        <a href="/inbox/{@code}{$q}" class="code"><xsl:value-of select="@code"/></a>
      </th>
      <td><xsl:value-of select="service"/></td>
      <td><xsl:value-of select="state"/></td>
      <td><xsl:call-template name="time">
        <xsl:with-param name="at" select="@received"/>
      </xsl:call-template></td>
      <td>
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
      </td>
      <td>
        <xsl:call-template name="flag"/>
        <xsl:if test="not(@completed)">
          <xsl:call-template name="remaining"/>
        </xsl:if>
      </td>
    </tr>
  </xsl:template>

</xsl:stylesheet>
