<?xml version="1.0" encoding="UTF-8"?>
<!--
  transfer-decision.xsl - the decision that approves a school transfer:
  the pupil, the school left, the school joined, the date the pupil
  starts.  Facts: docs/documents.md.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:f="urn:motcua:doc:1" xmlns="urn:motcua:doc:1"
    exclude-result-prefixes="f">
  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>

  <xsl:template match="/f:facts">
    <document kind="{f:document/@kind}">
      <national-header>
        <country>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</country>
        <motto>Độc lập - Tự do - Hạnh phúc</motto>
      </national-header>
      <issuer code="{f:issuer/@unit-code}"><xsl:value-of select="f:issuer/@unit-name"/></issuer>
      <serial><xsl:value-of select="f:document/@serial"/>/QĐ</serial>
      <title>QUYẾT ĐỊNH CHẤP THUẬN CHUYỂN TRƯỜNG</title>
      <result-code><xsl:value-of select="f:document/@result-code"/></result-code>
      <verification-code><xsl:value-of select="f:document/@verification-code"/></verification-code>
      <verify-url><xsl:value-of select="f:document/@verify-url"/></verify-url>
      <dossier-code><xsl:value-of select="f:dossier/@code"/></dossier-code>
      <pupil code="{f:field[@id='pupil_code']/f:value}">
        <name><xsl:value-of select="f:field[@id='pupil_name']/f:value"/></name>
        <date-of-birth><xsl:value-of select="f:field[@id='date_of_birth']/f:value"/></date-of-birth>
        <grade><xsl:value-of select="f:field[@id='grade']/f:value"/></grade>
      </pupil>
      <decision>
        <from-school><xsl:value-of select="f:field[@id='sending_school']/f:value"/></from-school>
        <to-school><xsl:value-of select="f:field[@id='receiving_school']/f:value"/></to-school>
        <effective-date><xsl:value-of select="f:field[@id='start_date']/f:value"/></effective-date>
        <text>Chấp thuận cho học sinh chuyển trường kể từ ngày nêu trên.</text>
      </decision>
      <signer title="{f:issuer/@signer-title}"><xsl:value-of select="f:issuer/@signer-name"/></signer>
      <issued-at><xsl:value-of select="f:document/@issued-at"/></issued-at>
    </document>
  </xsl:template>
</xsl:stylesheet>
