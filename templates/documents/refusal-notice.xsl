<?xml version="1.0" encoding="UTF-8"?>
<!--
  refusal-notice.xsl - Mẫu 03: notice of refusal to accept or to settle
  a dossier, with the reason the action gave.  Facts: docs/documents.md.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:f="urn:motcua:doc:1" xmlns="urn:motcua:doc:1"
    exclude-result-prefixes="f">
  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>

  <xsl:template match="/f:facts">
    <document kind="{f:document/@kind}" form="03">
      <national-header>
        <country>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</country>
        <motto>Độc lập - Tự do - Hạnh phúc</motto>
      </national-header>
      <issuer code="{f:issuer/@unit-code}"><xsl:value-of select="f:issuer/@unit-name"/></issuer>
      <serial><xsl:value-of select="f:document/@serial"/></serial>
      <title>PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ</title>
      <result-code><xsl:value-of select="f:document/@result-code"/></result-code>
      <verification-code><xsl:value-of select="f:document/@verification-code"/></verification-code>
      <verify-url><xsl:value-of select="f:document/@verify-url"/></verify-url>
      <dossier-code><xsl:value-of select="f:dossier/@code"/></dossier-code>
      <service><xsl:value-of select="f:dossier/@service-name"/></service>
      <received-at><xsl:value-of select="f:dossier/@received-at"/></received-at>
      <refusal>
        <text>Cơ quan, đơn vị không tiếp nhận, giải quyết hồ sơ vì lý do sau:</text>
        <reason><xsl:value-of select="f:action/f:reason"/></reason>
      </refusal>
      <signer title="{f:issuer/@signer-title}"><xsl:value-of select="f:issuer/@signer-name"/></signer>
      <issued-at><xsl:value-of select="f:document/@issued-at"/></issued-at>
    </document>
  </xsl:template>
</xsl:stylesheet>
