<?xml version="1.0" encoding="UTF-8"?>
<!--
  register-copy.xsl - the copy of a diploma or certificate issued from
  the original register (bản sao văn bằng, chứng chỉ từ sổ gốc): whose
  credential, which, the year it was awarded, its register number and
  how many copies.  Facts: docs/documents.md.
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
      <serial><xsl:value-of select="f:document/@serial"/>/SSG</serial>
      <title>BẢN SAO VĂN BẰNG, CHỨNG CHỈ TỪ SỔ GỐC</title>
      <result-code><xsl:value-of select="f:document/@result-code"/></result-code>
      <verification-code><xsl:value-of select="f:document/@verification-code"/></verification-code>
      <verify-url><xsl:value-of select="f:document/@verify-url"/></verify-url>
      <dossier-code><xsl:value-of select="f:dossier/@code"/></dossier-code>
      <graduate>
        <name><xsl:value-of select="f:field[@id='graduate_name']/f:value"/></name>
        <date-of-birth><xsl:value-of select="f:field[@id='graduate_birth_date']/f:value"/></date-of-birth>
      </graduate>
      <credential>
        <kind><xsl:value-of select="f:field[@id='credential_kind']/f:value"/></kind>
        <year-awarded><xsl:value-of select="f:field[@id='year_awarded']/f:value"/></year-awarded>
        <register-number><xsl:value-of select="f:field[@id='register_number']/f:value"/></register-number>
        <copies><xsl:value-of select="f:field[@id='copies']/f:value"/></copies>
        <text>Sao từ sổ gốc; bản sao có giá trị sử dụng thay cho bản chính.</text>
      </credential>
      <signer title="{f:issuer/@signer-title}"><xsl:value-of select="f:issuer/@signer-name"/></signer>
      <issued-at><xsl:value-of select="f:document/@issued-at"/></issued-at>
    </document>
  </xsl:template>
</xsl:stylesheet>
