<?xml version="1.0" encoding="UTF-8"?>
<!--
  form-fields.xsl - the fields of a form definition as HTML controls:
  the application form (service.xsl) and the answer to a supplement
  request on the dossier page (dossier.xsl) render them alike.  Built
  by pages_form_fields (fcgi/web/h_pages.c):

  form/(error*, section[@id]/(title, field*))
  field[@id, @type, @required, @conditional, @readonly, @prefill,
    @pattern, @minlength, @maxlength, @min, @max, @accept, @max-size-mb,
    @max-count, @unit-kind, @picker]/(label, hint?, condition?,
    option*[@value]/label, unit*[@code] (a unit field's choices, by name),
    value*, error*)

  Ids: an input is f-ID (a group's inputs f-ID-N), its hint f-ID-hint,
  its error f-ID-err; inputs name their hint and error with
  aria-describedby.  One such form per page.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <!-- The summary of a form's errors (the context: the form), each
       field's linking to it. -->
  <xsl:template name="form-errors">
    <xsl:if test="error or section/field/error">
      <div class="error-summary" role="alert">
        <p><strong><xsl:value-of select="key('str', 'form.errors')"/></strong></p>
        <ul>
          <xsl:for-each select="error">
            <li><xsl:value-of select="."/></li>
          </xsl:for-each>
          <xsl:for-each select="section/field[error]">
            <li>
              <a href="#{concat('f-', @id, substring('-1', 1,
                  2 * number(@type = 'radio' or @type = 'checkbox')))}">
                <xsl:value-of select="label"/>
                <xsl:text>: </xsl:text>
                <xsl:value-of select="error[1]"/>
              </a>
            </li>
          </xsl:for-each>
        </ul>
      </div>
    </xsl:if>
  </xsl:template>

  <xsl:template match="section">
    <fieldset class="section" id="s-{@id}">
      <legend><xsl:value-of select="title"/></legend>
      <xsl:apply-templates select="field"/>
    </fieldset>
  </xsl:template>

  <!-- ==== pieces of a field =========================================== -->

  <xsl:template name="marker">
    <xsl:if test="@required">
      <span class="req" aria-hidden="true">*</span>
    </xsl:if>
  </xsl:template>

  <xsl:template name="has-hint">
    <xsl:if test="hint or condition or @prefill or
        (@type = 'unit' and not(@picker)) or
        @type = 'file' or @type = 'decimal' or
        ((@type = 'integer' or @type = 'decimal') and @min and @max)">1</xsl:if>
  </xsl:template>

  <xsl:template name="describedby">
    <xsl:variable name="h"><xsl:call-template name="has-hint"/></xsl:variable>
    <xsl:variable name="ids" select="normalize-space(concat(
        substring(concat('f-', @id, '-hint'), 1, 1000 * number($h = '1')),
        ' ',
        substring(concat('f-', @id, '-err'), 1, 1000 * number(boolean(error)))))"/>
    <xsl:if test="$ids != ''">
      <xsl:attribute name="aria-describedby">
        <xsl:value-of select="$ids"/>
      </xsl:attribute>
    </xsl:if>
    <xsl:if test="error">
      <xsl:attribute name="aria-invalid">true</xsl:attribute>
    </xsl:if>
  </xsl:template>

  <xsl:template name="hint">
    <xsl:variable name="h"><xsl:call-template name="has-hint"/></xsl:variable>
    <xsl:if test="$h = '1'">
      <p class="hint" id="f-{@id}-hint">
        <xsl:if test="hint">
          <xsl:value-of select="hint"/>
          <xsl:text> </xsl:text>
        </xsl:if>
        <xsl:if test="(@type = 'integer' or @type = 'decimal') and @min and @max">
          <xsl:value-of select="key('str', 'form.range')"/>
          <xsl:value-of select="concat(' ', @min, ' ')"/>
          <xsl:value-of select="key('str', 'form.range.to')"/>
          <xsl:value-of select="concat(' ', @max, '. ')"/>
        </xsl:if>
        <xsl:if test="@type = 'decimal'">
          <xsl:value-of select="key('str', 'form.decimal.note')"/>
          <xsl:text> </xsl:text>
        </xsl:if>
        <xsl:if test="@type = 'unit' and not(@picker)">
          <xsl:value-of select="key('str', 'form.unit.note')"/>
          <xsl:text> </xsl:text>
        </xsl:if>
        <xsl:if test="@type = 'file' and not(hint)">
          <xsl:value-of select="key('str', 'form.file.note')"/>
          <xsl:value-of select="concat(' ', translate(@accept, ',', ' '), '; ')"/>
          <xsl:value-of select="key('str', 'form.file.max')"/>
          <xsl:value-of select="concat(' ', @max-count, ' ')"/>
          <xsl:value-of select="key('str', 'form.file.files')"/>
          <xsl:text>, </xsl:text>
          <xsl:value-of select="key('str', 'form.file.each')"/>
          <xsl:value-of select="concat(' ', @max-size-mb, ' MB. ')"/>
        </xsl:if>
        <xsl:if test="condition">
          <span class="condition"><xsl:value-of select="condition"/></span>
          <xsl:text> </xsl:text>
        </xsl:if>
        <xsl:if test="@prefill and not(@readonly)">
          <xsl:value-of select="key('str', 'form.prefill.editable')"/>
        </xsl:if>
        <xsl:if test="@prefill and @readonly">
          <xsl:choose>
            <xsl:when test="@prefill = 'applicant'">
              <xsl:value-of select="key('str', 'form.prefill.applicant')"/>
            </xsl:when>
            <xsl:when test="@prefill = 'student'">
              <xsl:value-of select="key('str', 'form.prefill.student')"/>
            </xsl:when>
            <xsl:otherwise>
              <xsl:value-of select="key('str', 'form.prefill.other')"/>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:if>
      </p>
    </xsl:if>
  </xsl:template>

  <xsl:template name="error">
    <xsl:if test="error">
      <p class="error" id="f-{@id}-err">
        <span class="visually-hidden">
          <xsl:value-of select="key('str', 'form.error-prefix')"/>
          <xsl:text> </xsl:text>
        </span>
        <xsl:for-each select="error">
          <xsl:value-of select="."/>
          <xsl:if test="position() != last()"><xsl:text> </xsl:text></xsl:if>
        </xsl:for-each>
      </p>
    </xsl:if>
  </xsl:template>

  <xsl:template name="label">
    <label for="f-{@id}">
      <xsl:value-of select="label"/>
      <xsl:call-template name="marker"/>
    </label>
  </xsl:template>

  <xsl:template name="common-attrs">
    <xsl:attribute name="id">f-<xsl:value-of select="@id"/></xsl:attribute>
    <xsl:attribute name="name"><xsl:value-of select="@id"/></xsl:attribute>
    <xsl:if test="@required">
      <xsl:attribute name="required">required</xsl:attribute>
    </xsl:if>
    <xsl:call-template name="describedby"/>
  </xsl:template>

  <xsl:template name="length-attrs">
    <xsl:if test="@minlength">
      <xsl:attribute name="minlength"><xsl:value-of select="@minlength"/></xsl:attribute>
    </xsl:if>
    <xsl:if test="@maxlength">
      <xsl:attribute name="maxlength"><xsl:value-of select="@maxlength"/></xsl:attribute>
    </xsl:if>
  </xsl:template>

  <xsl:template name="bound-attrs">
    <xsl:if test="@min">
      <xsl:attribute name="min"><xsl:value-of select="@min"/></xsl:attribute>
    </xsl:if>
    <xsl:if test="@max">
      <xsl:attribute name="max"><xsl:value-of select="@max"/></xsl:attribute>
    </xsl:if>
  </xsl:template>

  <xsl:template name="value-attr">
    <xsl:if test="value">
      <xsl:attribute name="value"><xsl:value-of select="value[1]"/></xsl:attribute>
    </xsl:if>
  </xsl:template>

  <!-- ==== fields by type ============================================== -->

  <!-- One input: label, hint, error, then the control. -->
  <xsl:template match="field">
    <div class="field">
      <xsl:if test="error">
        <xsl:attribute name="class">field has-error</xsl:attribute>
      </xsl:if>
      <xsl:call-template name="label"/>
      <xsl:call-template name="hint"/>
      <xsl:call-template name="error"/>
      <xsl:apply-templates select="." mode="control"/>
    </div>
  </xsl:template>

  <!-- Prefilled fields are shown, never sent: the server fills them. -->
  <xsl:template match="field[@readonly]" priority="1">
    <div class="field readonly">
      <xsl:if test="error">
        <xsl:attribute name="class">field readonly has-error</xsl:attribute>
      </xsl:if>
      <label for="f-{@id}"><xsl:value-of select="label"/></label>
      <xsl:call-template name="hint"/>
      <xsl:call-template name="error"/>
      <input type="text" id="f-{@id}" readonly="readonly">
        <xsl:call-template name="describedby"/>
        <xsl:call-template name="value-attr"/>
      </input>
    </div>
  </xsl:template>

  <!-- Choices: a fieldset whose legend is the label. -->
  <xsl:template match="field[@type = 'radio' or @type = 'checkbox']">
    <fieldset class="field group">
      <xsl:if test="error">
        <xsl:attribute name="class">field group has-error</xsl:attribute>
      </xsl:if>
      <xsl:call-template name="describedby"/>
      <legend>
        <xsl:value-of select="label"/>
        <xsl:call-template name="marker"/>
      </legend>
      <xsl:call-template name="hint"/>
      <xsl:call-template name="error"/>
      <xsl:variable name="f" select="."/>
      <xsl:for-each select="option">
        <div class="choice">
          <input type="{$f/@type}" id="f-{$f/@id}-{position()}"
              name="{$f/@id}" value="{@value}">
            <!-- A required checkbox group is checked by the server:
                 "required" on each box would require them all. -->
            <xsl:if test="$f/@required and $f/@type = 'radio'">
              <xsl:attribute name="required">required</xsl:attribute>
            </xsl:if>
            <xsl:if test="$f/value = @value">
              <xsl:attribute name="checked">checked</xsl:attribute>
            </xsl:if>
          </input>
          <label for="f-{$f/@id}-{position()}">
            <xsl:value-of select="label"/>
          </label>
        </div>
      </xsl:for-each>
    </fieldset>
  </xsl:template>

  <!-- Yes or no: one box, its label beside it. -->
  <xsl:template match="field[@type = 'boolean']">
    <div class="field choice-single">
      <xsl:if test="error">
        <xsl:attribute name="class">field choice-single has-error</xsl:attribute>
      </xsl:if>
      <xsl:call-template name="error"/>
      <div class="choice">
        <input type="checkbox" value="true">
          <xsl:call-template name="common-attrs"/>
          <xsl:if test="value = 'true' or value = 'on' or value = '1'">
            <xsl:attribute name="checked">checked</xsl:attribute>
          </xsl:if>
        </input>
        <xsl:call-template name="label"/>
      </div>
      <xsl:call-template name="hint"/>
    </div>
  </xsl:template>

  <xsl:template match="field" mode="control">
    <input type="text">
      <xsl:call-template name="common-attrs"/>
      <xsl:call-template name="length-attrs"/>
      <xsl:if test="@pattern">
        <xsl:attribute name="pattern"><xsl:value-of select="@pattern"/></xsl:attribute>
      </xsl:if>
      <xsl:call-template name="value-attr"/>
    </input>
  </xsl:template>

  <xsl:template match="field[@type = 'textarea']" mode="control">
    <textarea rows="4">
      <xsl:call-template name="common-attrs"/>
      <xsl:call-template name="length-attrs"/>
      <xsl:value-of select="value[1]"/>
    </textarea>
  </xsl:template>

  <xsl:template match="field[@type = 'integer']" mode="control">
    <input type="number" inputmode="numeric" step="1" class="short">
      <xsl:call-template name="common-attrs"/>
      <xsl:call-template name="bound-attrs"/>
      <xsl:call-template name="value-attr"/>
    </input>
  </xsl:template>

  <!-- A comma or a point: the server takes both. -->
  <xsl:template match="field[@type = 'decimal']" mode="control">
    <input type="text" inputmode="decimal" class="short"
        pattern="-?[0-9]+([.,][0-9]{{1,4}})?">
      <xsl:call-template name="common-attrs"/>
      <xsl:call-template name="value-attr"/>
    </input>
  </xsl:template>

  <xsl:template match="field[@type = 'date']" mode="control">
    <input type="date" class="short">
      <xsl:call-template name="common-attrs"/>
      <xsl:call-template name="bound-attrs"/>
      <xsl:call-template name="value-attr"/>
    </input>
  </xsl:template>

  <xsl:template match="field[@type = 'select']" mode="control">
    <select>
      <xsl:call-template name="common-attrs"/>
      <option value=""><xsl:value-of select="key('str', 'form.choose')"/></option>
      <xsl:variable name="f" select="."/>
      <xsl:for-each select="option">
        <option value="{@value}">
          <xsl:if test="$f/value = @value">
            <xsl:attribute name="selected">selected</xsl:attribute>
          </xsl:if>
          <xsl:value-of select="label"/>
        </option>
      </xsl:for-each>
    </select>
  </xsl:template>

  <xsl:template match="field[@type = 'cccd']" mode="control">
    <input type="text" inputmode="numeric" pattern="[0-9]{{12}}"
        maxlength="12" autocomplete="off" class="medium">
      <xsl:call-template name="common-attrs"/>
      <xsl:call-template name="value-attr"/>
    </input>
  </xsl:template>

  <xsl:template match="field[@type = 'phone']" mode="control">
    <input type="tel" autocomplete="tel" class="medium">
      <xsl:call-template name="common-attrs"/>
      <xsl:call-template name="value-attr"/>
    </input>
  </xsl:template>

  <xsl:template match="field[@type = 'email']" mode="control">
    <input type="email" autocomplete="email" spellcheck="false">
      <xsl:call-template name="common-attrs"/>
      <xsl:call-template name="length-attrs"/>
      <xsl:call-template name="value-attr"/>
    </input>
  </xsl:template>

  <!-- A unit from the list of the units of its kind (by name, the code
       as value); the value entered stays selected. -->
  <xsl:template match="field[@type = 'unit' and @picker]" mode="control"
      priority="1">
    <select>
      <xsl:call-template name="common-attrs"/>
      <option value=""><xsl:value-of select="key('str', 'form.choose')"/></option>
      <xsl:variable name="f" select="."/>
      <xsl:for-each select="unit">
        <option value="{@code}">
          <xsl:if test="$f/value = @code">
            <xsl:attribute name="selected">selected</xsl:attribute>
          </xsl:if>
          <xsl:value-of select="."/>
        </option>
      </xsl:for-each>
    </select>
  </xsl:template>

  <!-- A unit by its code, when the list is too long (or unavailable). -->
  <xsl:template match="field[@type = 'unit']" mode="control">
    <input type="text" pattern="[0-9A-Z]+(\.[0-9A-Z]+)*" maxlength="64"
        autocapitalize="characters" autocomplete="off" spellcheck="false"
        class="medium" data-unit-kind="{@unit-kind}">
      <xsl:call-template name="common-attrs"/>
      <xsl:call-template name="value-attr"/>
    </input>
  </xsl:template>

  <xsl:template match="field[@type = 'file']" mode="control">
    <input type="file" accept="{@accept}">
      <xsl:call-template name="common-attrs"/>
      <xsl:if test="@max-count &gt; 1">
        <xsl:attribute name="multiple">multiple</xsl:attribute>
      </xsl:if>
    </input>
  </xsl:template>

</xsl:stylesheet>
