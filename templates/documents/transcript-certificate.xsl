<?xml version="1.0" encoding="UTF-8"?>
<!--
  transcript-certificate.xsl - the certified copy of a pupil's school
  record (bản sao học bạ): the scores of the school years asked for,
  from the school's records (catalogue: records="grades"), with each
  year's average of the whole-year scores.  Facts: docs/documents.md.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:f="urn:motcua:doc:1" xmlns="urn:motcua:doc:1"
    exclude-result-prefixes="f">
  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>

  <xsl:template match="/f:facts">
    <xsl:variable name="years" select="f:field[@id='school_years']/f:value"/>
    <document kind="{f:document/@kind}">
      <national-header>
        <country>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</country>
        <motto>Độc lập - Tự do - Hạnh phúc</motto>
      </national-header>
      <issuer code="{f:issuer/@unit-code}"><xsl:value-of select="f:issuer/@unit-name"/></issuer>
      <serial><xsl:value-of select="f:document/@serial"/></serial>
      <title>BẢN SAO HỌC BẠ CÓ CHỨNG THỰC CỦA NHÀ TRƯỜNG</title>
      <result-code><xsl:value-of select="f:document/@result-code"/></result-code>
      <verification-code><xsl:value-of select="f:document/@verification-code"/></verification-code>
      <verify-url><xsl:value-of select="f:document/@verify-url"/></verify-url>
      <dossier-code><xsl:value-of select="f:dossier/@code"/></dossier-code>
      <pupil code="{f:field[@id='student_code']/f:value}">
        <name><xsl:value-of select="f:field[@id='student_name']/f:value"/></name>
        <date-of-birth><xsl:value-of select="f:field[@id='date_of_birth']/f:value"/></date-of-birth>
        <school><xsl:value-of select="f:field[@id='school']/f:value"/></school>
      </pupil>
      <transcript>
        <xsl:for-each select="$years">
          <xsl:variable name="y" select="string(.)"/>
          <xsl:variable name="g" select="/f:facts/f:records/f:grade[@school-year = $y]"/>
          <school-year year="{$y}">
            <xsl:for-each select="$g">
              <score subject="{@subject}" semester="{@semester}"><xsl:value-of select="@score"/></score>
            </xsl:for-each>
            <xsl:if test="$g[@semester = '0']">
              <average semester="0"><xsl:value-of select="format-number(sum($g[@semester = '0']/@score) div count($g[@semester = '0']), '0.00')"/></average>
            </xsl:if>
            <xsl:if test="not($g)">
              <no-records>Nhà trường không lưu điểm của năm học này.</no-records>
            </xsl:if>
          </school-year>
        </xsl:for-each>
      </transcript>
      <certification>Nhà trường xác nhận bản sao này đúng với học bạ đang lưu giữ.</certification>
      <signer title="{f:issuer/@signer-title}"><xsl:value-of select="f:issuer/@signer-name"/></signer>
      <issued-at><xsl:value-of select="f:document/@issued-at"/></issued-at>
    </document>
  </xsl:template>
</xsl:stylesheet>
