<?xml version="1.0" encoding="UTF-8"?>
<!--
  staff-dossier.xsl - GET /inbox/{code}: a dossier as staff (and
  inspectors) see it: facts, form data, attachments, history, and a
  form for each action open to the user now.
  View model: /page/dossier[@code, @received, @due?, @completed?,
  @days?, @hours?, @minutes?, @late?, @paused?, @flag?,
  @readonly?, @done?]/(service, state, status-name?, holder[@code]?
  (the unit holding it, by name),
  data?/field*[@id, @label]/value*, rating[@value, @at]/comment?,
  attachments (layout.xsl's
  "files"), history/event*[@at, @action, @by, @name?, @unit? (its
  name)]/
  (label?, to, comment?, reason?), actions/(error[@action, @field?]?,
  action*[@id, @requires?, @failed?, @entered?]),
  messages/message*[@channel, @state, @at, @attempts, @error?]: every
  notification to the applicant and its delivery state).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:include href="layout.xsl"/>

  <xsl:template match="/page" mode="title">
    <xsl:value-of select="concat(key('str', 'dossier.title'), ' ', dossier/@code)"/>
  </xsl:template>

  <xsl:template match="/page" mode="main">
    <xsl:apply-templates select="dossier"/>
  </xsl:template>

  <xsl:template match="dossier">
    <p class="back"><a href="/inbox{$q}"><xsl:value-of select="key('str', 'inbox.back')"/></a></p>
    <h1>
      <xsl:value-of select="key('str', 'dossier.title')"/>
      <xsl:text> </xsl:text>
      <span class="code"><xsl:value-of select="@code"/></span>
    </h1>
    <p class="lead"><xsl:value-of select="service"/></p>
    <xsl:if test="@done">
      <p class="notice ok" role="status" id="notice">
        <xsl:value-of select="key('str', 'staff.done')"/>
        <xsl:text> </xsl:text>
        <strong><xsl:value-of select="@done"/></strong>
      </p>
    </xsl:if>
    <xsl:if test="actions/error[not(@field)]">
      <div class="error-summary" role="alert" id="action-error">
        <p><xsl:value-of select="actions/error"/></p>
      </div>
    </xsl:if>
    <dl class="facts">
      <div>
        <dt><xsl:value-of select="key('str', 'dossier.status')"/></dt>
        <dd id="state"><xsl:value-of select="state"/></dd>
      </div>
      <div>
        <dt><xsl:value-of select="key('str', 'dossier.received')"/></dt>
        <dd><xsl:call-template name="time">
          <xsl:with-param name="at" select="@received"/>
        </xsl:call-template></dd>
      </div>
      <xsl:choose>
        <xsl:when test="@completed">
          <div>
            <dt><xsl:value-of select="key('str', 'dossier.completed')"/></dt>
            <dd><xsl:call-template name="time">
              <xsl:with-param name="at" select="@completed"/>
            </xsl:call-template></dd>
          </div>
        </xsl:when>
        <xsl:otherwise>
          <div>
            <dt><xsl:value-of select="key('str', 'dossier.due')"/></dt>
            <dd>
              <xsl:if test="@due">
                <xsl:call-template name="time">
                  <xsl:with-param name="at" select="@due"/>
                </xsl:call-template>
              </xsl:if>
            </dd>
          </div>
          <div>
            <dt><xsl:value-of select="key('str', 'dossier.remaining')"/></dt>
            <dd id="remaining">
              <xsl:call-template name="flag"/>
              <xsl:call-template name="remaining"/>
            </dd>
          </div>
        </xsl:otherwise>
      </xsl:choose>
      <div>
        <dt><xsl:value-of select="key('str', 'staff.holder')"/></dt>
        <dd>
          <xsl:choose>
            <xsl:when test="holder">
              <xsl:value-of select="holder"/>
              <xsl:text> </xsl:text>
              <span class="code small"><xsl:value-of select="holder/@code"/></span>
            </xsl:when>
            <xsl:otherwise><xsl:value-of select="key('str', 'staff.applicant')"/></xsl:otherwise>
          </xsl:choose>
        </dd>
      </div>
    </dl>

    <xsl:if test="not(@readonly)">
      <section aria-labelledby="actions-h" class="staff-actions">
        <h2 id="actions-h"><xsl:value-of select="key('str', 'staff.actions')"/></h2>
        <xsl:choose>
          <xsl:when test="actions/action">
            <xsl:apply-templates select="actions/action"/>
          </xsl:when>
          <xsl:otherwise>
            <p id="no-actions"><xsl:value-of select="key('str', 'staff.no-actions')"/></p>
          </xsl:otherwise>
        </xsl:choose>
      </section>
    </xsl:if>
    <xsl:if test="@readonly">
      <p class="notice" id="readonly"><xsl:value-of select="key('str', 'inbox.readonly')"/></p>
    </xsl:if>

    <section aria-labelledby="data-h">
      <h2 id="data-h"><xsl:value-of select="key('str', 'staff.data')"/></h2>
      <dl class="facts data">
        <xsl:for-each select="data/field">
          <div>
            <dt><xsl:value-of select="@label"/></dt>
            <dd>
              <xsl:for-each select="value">
                <xsl:if test="position() > 1">, </xsl:if>
                <xsl:value-of select="."/>
              </xsl:for-each>
            </dd>
          </div>
        </xsl:for-each>
      </dl>
    </section>

    <xsl:if test="rating">
      <section aria-labelledby="rating-h" id="rating">
        <h2 id="rating-h"><xsl:value-of select="key('str', 'staff.rating')"/></h2>
        <p>
          <strong id="rating-value"><xsl:value-of select="key('str', concat('rating.', rating/@value))"/></strong>
          <xsl:text> (</xsl:text>
          <xsl:call-template name="time">
            <xsl:with-param name="at" select="rating/@at"/>
          </xsl:call-template>
          <xsl:text>)</xsl:text>
        </p>
        <xsl:if test="rating/comment">
          <blockquote><p><xsl:value-of select="rating/comment"/></p></blockquote>
        </xsl:if>
      </section>
    </xsl:if>

    <section aria-labelledby="files-h">
      <h2 id="files-h"><xsl:value-of select="key('str', 'staff.files')"/></h2>
      <xsl:call-template name="files"/>
    </section>
    <xsl:call-template name="documents"/>

    <xsl:if test="payments">
      <section aria-labelledby="payments-h" id="payments">
        <h2 id="payments-h"><xsl:value-of select="key('str', 'fee.title')"/></h2>
        <ul>
          <xsl:for-each select="payments/payment">
            <li class="payment" data-state="{@state}">
              <span class="code"><xsl:value-of select="@ref"/></span>
              <xsl:text>: </xsl:text>
              <xsl:value-of select="format-number(@amount, '#,##0')"/>
              <xsl:text> đ, </xsl:text>
              <xsl:value-of select="key('str', concat('payment.state.', @state))"/>
            </li>
          </xsl:for-each>
        </ul>
      </section>
    </xsl:if>
    <section aria-labelledby="history-h">
      <h2 id="history-h"><xsl:value-of select="key('str', 'dossier.history')"/></h2>
      <ol class="history">
        <xsl:for-each select="history/event">
          <li>
            <xsl:call-template name="time">
              <xsl:with-param name="at" select="@at"/>
            </xsl:call-template>
            <xsl:text> – </xsl:text>
            <xsl:choose>
              <xsl:when test="@action = 'rate'">
                <xsl:value-of select="key('str', 'rating.event')"/>
              </xsl:when>
              <xsl:otherwise>
                <xsl:if test="label">
                  <xsl:value-of select="label"/>
                  <xsl:text> → </xsl:text>
                </xsl:if>
                <xsl:value-of select="to"/>
              </xsl:otherwise>
            </xsl:choose>
            <xsl:if test="@name">
              <span class="small">
                <xsl:value-of select="concat(' (', @name)"/>
                <xsl:if test="@unit"><xsl:value-of select="concat(', ', @unit)"/></xsl:if>
                <xsl:text>)</xsl:text>
              </span>
            </xsl:if>
            <xsl:if test="reason">
              <p class="reason">
                <xsl:value-of select="key('str', 'dossier.reason')"/>
                <xsl:text> </xsl:text>
                <xsl:value-of select="reason"/>
              </p>
            </xsl:if>
            <xsl:if test="comment">
              <p><xsl:value-of select="comment"/></p>
            </xsl:if>
          </li>
        </xsl:for-each>
      </ol>
    </section>
    <section aria-labelledby="messages-h">
      <h2 id="messages-h"><xsl:value-of select="key('str', 'dossier.messages')"/></h2>
      <xsl:if test="not(messages/message)">
        <p><xsl:value-of select="key('str', 'dossier.messages.none')"/></p>
      </xsl:if>
      <ul class="messages">
        <xsl:for-each select="messages/message">
          <li class="message-{@state}">
            <xsl:call-template name="time">
              <xsl:with-param name="at" select="@at"/>
            </xsl:call-template>
            <xsl:text> – </xsl:text>
            <xsl:value-of select="key('str', concat('message.', @channel))"/>
            <xsl:text> – </xsl:text>
            <strong><xsl:value-of select="key('str', concat('message.', @state))"/></strong>
            <xsl:text>: </xsl:text>
            <xsl:value-of select="."/>
            <xsl:if test="@error">
              <p class="small"><xsl:value-of select="concat(@attempts, ' × ', @error)"/></p>
            </xsl:if>
          </li>
        </xsl:for-each>
      </ul>
    </section>
  </xsl:template>

  <!-- One action: a small form, with its comment or reason. -->
  <xsl:template match="action">
    <xsl:variable name="id" select="concat('a-', @id)"/>
    <xsl:variable name="err" select="../error[@action = current()/@id and @field]"/>
    <form method="post" action="/inbox/{/page/dossier/@code}/actions/{@id}{$q}"
        class="action" id="{$id}">
      <input type="hidden" name="csrf" value="{/page/@csrf}"/>
      <xsl:if test="@requires">
        <div class="field">
          <xsl:if test="$err">
            <xsl:attribute name="class">field has-error</xsl:attribute>
          </xsl:if>
          <label for="{$id}-{@requires}">
            <xsl:value-of select="key('str', concat('staff.', @requires))"/>
            <span class="req" aria-hidden="true">*</span>
          </label>
          <xsl:if test="$err">
            <p class="error" id="{$id}-{@requires}-err">
              <span class="visually-hidden"><xsl:value-of select="key('str', 'form.error-prefix')"/><xsl:text> </xsl:text></span>
              <xsl:value-of select="$err"/>
            </p>
          </xsl:if>
          <textarea id="{$id}-{@requires}" name="{@requires}" required="required" rows="3" maxlength="600">
            <xsl:if test="$err">
              <xsl:attribute name="aria-invalid">true</xsl:attribute>
              <xsl:attribute name="aria-describedby"><xsl:value-of select="concat($id, '-', @requires, '-err')"/></xsl:attribute>
            </xsl:if>
            <xsl:value-of select="@entered"/>
          </textarea>
        </div>
      </xsl:if>
      <button type="submit" class="secondary">
        <xsl:value-of select="."/>
      </button>
    </form>
  </xsl:template>

</xsl:stylesheet>
