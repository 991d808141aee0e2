<?xml version="1.0" encoding="UTF-8"?>
<!--
  supplement-request.xsl - Mẫu 02: request to supplement the dossier,
  with what is missing (the action's reason and comment).  Facts:
  docs/documents.md.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:f="urn:motcua:doc:1" xmlns="urn:motcua:doc:1"
    exclude-result-prefixes="f">
  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>

  <xsl:template match="/f:facts">
    <document kind="{f:document/@kind}" form="02">
      <national-header>
        <country>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</country>
        <motto>Độc lập - Tự do - Hạnh phúc</motto>
      </national-header>
      <issuer code="{f:issuer/@unit-code}"><xsl:value-of select="f:issuer/@unit-name"/></issuer>
      <serial><xsl:value-of select="f:document/@serial"/></serial>
      <title>PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ</title>
      <result-code><xsl:value-of select="f:document/@result-code"/></result-code>
      <verification-code><xsl:value-of select="f:document/@verification-code"/></verification-code>
      <verify-url><xsl:value-of select="f:document/@verify-url"/></verify-url>
      <dossier-code><xsl:value-of select="f:dossier/@code"/></dossier-code>
      <service><xsl:value-of select="f:dossier/@service-name"/></service>
      <missing>
        <text>Đề nghị bổ sung, hoàn thiện hồ sơ với các nội dung sau:</text>
        <item><xsl:value-of select="f:action/f:reason"/></item>
        <xsl:if test="f:action/f:comment">
          <note><xsl:value-of select="f:action/f:comment"/></note>
        </xsl:if>
      </missing>
      <signer title="{f:issuer/@signer-title}"><xsl:value-of select="f:issuer/@signer-name"/></signer>
      <issued-at><xsl:value-of select="f:document/@issued-at"/></issued-at>
    </document>
  </xsl:template>
</xsl:stylesheet>
