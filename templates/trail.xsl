<?xml version="1.0" encoding="UTF-8"?>
<!--
  trail.xsl - a table of audit entries (inspect.xsl, control-sheet.xsl):
  call "entries" with e, the entry*[@id, @at, @kind, @login?, @name?,
  @unit?, @role?, @action, @object?, @ip?, @request?]/detail? elements.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template name="entries">
    <xsl:param name="e"/>
    <div class="table-wrap">
      <table class="trail">
        <caption><xsl:value-of select="concat(key('str', 'inspect.count'), ' ', count($e))"/></caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col"><xsl:value-of select="key('str', 'inspect.at')"/></th>
            <th scope="col"><xsl:value-of select="key('str', 'inspect.who')"/></th>
            <th scope="col"><xsl:value-of select="key('str', 'inspect.action')"/></th>
            <th scope="col"><xsl:value-of select="key('str', 'inspect.object')"/></th>
            <th scope="col"><xsl:value-of select="key('str', 'inspect.source')"/></th>
          </tr>
        </thead>
        <tbody>
          <xsl:for-each select="$e">
            <tr class="entry" data-id="{@id}">
              <th scope="row"><xsl:value-of select="@id"/></th>
              <td><xsl:value-of select="@at"/></td>
              <td>
                <span class="kind"><xsl:value-of select="@kind"/></span>
                <xsl:if test="@login">
                  <xsl:text> </xsl:text>
                  <span class="login"><xsl:value-of select="@login"/></span>
                </xsl:if>
                <xsl:if test="@name">
                  <br/><xsl:value-of select="@name"/>
                </xsl:if>
                <xsl:if test="@unit">
                  <br/><span class="code"><xsl:value-of select="@unit"/></span>
                </xsl:if>
                <xsl:if test="@role">
                  <xsl:value-of select="concat(' (', @role, ')')"/>
                </xsl:if>
              </td>
              <td class="action"><xsl:value-of select="@action"/>
                <xsl:if test="detail">
                  <br/><code class="detail"><xsl:value-of select="detail"/></code>
                </xsl:if>
              </td>
              <td class="object"><xsl:value-of select="@object"/></td>
              <td><xsl:value-of select="@ip"/>
                <xsl:if test="@request">
                  <br/><code><xsl:value-of select="@request"/></code>
                </xsl:if>
              </td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </div>
  </xsl:template>

</xsl:stylesheet>
