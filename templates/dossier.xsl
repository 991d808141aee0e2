<?xml version="1.0" encoding="UTF-8"?>
<!--
  dossier.xsl - GET /dossiers/{code}: one of my dossiers: its status,
  dates, time remaining, what I must do and why, the actions open to me
  (withdrawing, answering a supplement request), the rating once it is
  completed, attachments and history (fcgi/web/h_pages_dossier.c).
  View model: /page/dossier[@code, @status, @received, @due?,
  @completed?, @days?, @hours?, @minutes?, @late?, @paused?]/(service,
  state, status-name?, holder[@code]? (the unit handling it, by name),
  notice[@what, @label?]?, error?,
  request[@at?]/(reason?, comment?)?,
  rating[@value, @at]/comment? | rate[@rating?, @comment?]/error[@field]?,
  actions/action*[@id, @requires?, @final?, @supplement?, @entered?]/
    (label, error[@field]?, form?: form-fields.xsl,
    remove?/file*[@id, @field]: the files a supplement may remove),
  attachments (layout.xsl's "files"),
  history/event*[@at, @action, @by]/(label?, to, comment?, reason?),
  messages/message*[@channel, @state, @at, @attempts] (those sent)).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:include href="layout.xsl"/>
  <xsl:include href="form-fields.xsl"/>

  <xsl:template match="/page" mode="title">
    <xsl:value-of select="concat(key('str', 'dossier.title'), ' ', dossier/@code)"/>
  </xsl:template>

  <xsl:template match="/page" mode="main">
    <xsl:apply-templates select="dossier"/>
  </xsl:template>

  <xsl:template match="dossier">
    <h1>
      <xsl:value-of select="key('str', 'dossier.title')"/>
      <xsl:text> </xsl:text>
      <span class="code"><xsl:value-of select="@code"/></span>
    </h1>
    <p class="lead"><xsl:value-of select="service"/></p>
    <xsl:apply-templates select="notice"/>
    <xsl:if test="error">
      <div class="error-summary" role="alert" id="page-error">
        <p><xsl:value-of select="error"/></p>
      </div>
    </xsl:if>
    <xsl:apply-templates select="request"/>
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
            <dd><xsl:call-template name="remaining"/></dd>
          </div>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:if test="holder">
        <div>
          <dt><xsl:value-of select="key('str', 'dossier.holder')"/></dt>
          <dd id="holder"><xsl:value-of select="holder"/></dd>
        </div>
      </xsl:if>
    </dl>
    <xsl:apply-templates select="fee"/>
    <xsl:apply-templates select="rating | rate"/>
    <xsl:if test="actions/action">
      <section aria-labelledby="actions-h" class="citizen-actions">
        <h2 id="actions-h"><xsl:value-of select="key('str', 'dossier.actions')"/></h2>
        <xsl:apply-templates select="actions/action"/>
      </section>
    </xsl:if>
    <section aria-labelledby="files-h">
      <h2 id="files-h"><xsl:value-of select="key('str', 'staff.files')"/></h2>
      <xsl:call-template name="files"/>
    </section>
    <xsl:call-template name="documents"/>
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
    <p><a href="/my{$q}"><xsl:value-of select="key('str', 'nav.my')"/></a></p>
  </xsl:template>

  <!-- After a change: a thank-you for a rating, else what was done. -->
  <xsl:template match="notice">
    <p class="notice ok" role="status" id="notice">
      <xsl:choose>
        <xsl:when test="@what = 'rate'">
          <xsl:value-of select="key('str', 'rating.thanks')"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:value-of select="key('str', 'staff.done')"/>
          <xsl:text> </xsl:text>
          <strong><xsl:value-of select="@label"/></strong>
        </xsl:otherwise>
      </xsl:choose>
    </p>
  </xsl:template>

  <!-- The citizen must act (the clock is paused): what and why. -->
  <xsl:template match="request">
    <div class="notice must-act" id="must-act" role="region"
        aria-labelledby="must-act-h">
      <h2 id="must-act-h">
        <xsl:choose>
          <xsl:when test="../@status = 5">
            <xsl:value-of select="key('str', 'dossier.must-act.5')"/>
          </xsl:when>
          <xsl:otherwise>
            <xsl:value-of select="key('str', 'dossier.must-act')"/>
          </xsl:otherwise>
        </xsl:choose>
      </h2>
      <p><xsl:value-of select="key('str', 'dossier.must-act.paused')"/></p>
      <xsl:if test="reason or comment">
        <p>
          <strong><xsl:value-of select="key('str', 'dossier.must-act.why')"/></strong>
          <xsl:if test="@at">
            <xsl:text> (</xsl:text>
            <xsl:call-template name="time">
              <xsl:with-param name="at" select="@at"/>
            </xsl:call-template>
            <xsl:text>)</xsl:text>
          </xsl:if>
        </p>
        <blockquote id="request-reason">
          <xsl:for-each select="reason | comment">
            <p><xsl:value-of select="."/></p>
          </xsl:for-each>
        </blockquote>
      </xsl:if>
      <xsl:if test="../actions/action[@supplement]">
        <p><a href="#a-{../actions/action[@supplement][1]/@id}">
          <xsl:value-of select="key('str', 'dossier.must-act.go')"/>
        </a></p>
      </xsl:if>
    </div>
  </xsl:template>

  <!-- ==== the fee (docs/payments.md) ================================== -->
  <xsl:template match="fee">
    <section aria-labelledby="fee-h" id="fee">
      <h2 id="fee-h"><xsl:value-of select="key('str', 'fee.title')"/></h2>
      <p>
        <xsl:value-of select="key('str', 'fee.due')"/>
        <xsl:text> </xsl:text>
        <strong id="fee-amount"><xsl:value-of select="format-number(@amount, '#,##0')"/> đ</strong>
      </p>
      <xsl:if test="@pay">
        <form method="post" action="{@pay}">
          <input type="hidden" name="csrf" value="{/page/@csrf}"/>
          <button type="submit" id="pay"><xsl:value-of select="key('str', 'fee.pay')"/></button>
        </form>
      </xsl:if>
    </section>
  </xsl:template>

  <!-- ==== rating ====================================================== -->

  <xsl:template match="rating">
    <section aria-labelledby="rating-h" id="rating">
      <h2 id="rating-h"><xsl:value-of select="key('str', 'rating.title')"/></h2>
      <p>
        <xsl:value-of select="key('str', 'rating.given')"/>
        <xsl:text> </xsl:text>
        <strong id="rating-value"><xsl:value-of select="key('str', concat('rating.', @value))"/></strong>
        <xsl:text> (</xsl:text>
        <xsl:call-template name="time">
          <xsl:with-param name="at" select="@at"/>
        </xsl:call-template>
        <xsl:text>)</xsl:text>
      </p>
      <xsl:if test="comment">
        <blockquote><p><xsl:value-of select="comment"/></p></blockquote>
      </xsl:if>
    </section>
  </xsl:template>

  <xsl:template match="rate">
    <xsl:variable name="err" select="error"/>
    <section aria-labelledby="rating-h" id="rating">
      <h2 id="rating-h"><xsl:value-of select="key('str', 'rating.title')"/></h2>
      <form method="post" action="/dossiers/{../@code}/rating{$q}" class="rate" id="rate">
        <input type="hidden" name="csrf" value="{/page/@csrf}"/>
        <fieldset class="field group">
          <xsl:if test="$err/@field = 'rating'">
            <xsl:attribute name="class">field group has-error</xsl:attribute>
            <xsl:attribute name="aria-describedby">r-rating-err</xsl:attribute>
          </xsl:if>
          <legend>
            <xsl:value-of select="key('str', 'rating.question')"/>
            <span class="req" aria-hidden="true">*</span>
          </legend>
          <xsl:if test="$err/@field = 'rating'">
            <p class="error" id="r-rating-err">
              <span class="visually-hidden"><xsl:value-of select="key('str', 'form.error-prefix')"/><xsl:text> </xsl:text></span>
              <xsl:value-of select="$err"/>
            </p>
          </xsl:if>
          <xsl:call-template name="rating-choice">
            <xsl:with-param name="value" select="'very-satisfied'"/>
            <xsl:with-param name="n" select="1"/>
          </xsl:call-template>
          <xsl:call-template name="rating-choice">
            <xsl:with-param name="value" select="'satisfied'"/>
            <xsl:with-param name="n" select="2"/>
          </xsl:call-template>
          <xsl:call-template name="rating-choice">
            <xsl:with-param name="value" select="'dissatisfied'"/>
            <xsl:with-param name="n" select="3"/>
          </xsl:call-template>
        </fieldset>
        <div class="field">
          <xsl:if test="$err/@field = 'comment'">
            <xsl:attribute name="class">field has-error</xsl:attribute>
          </xsl:if>
          <label for="r-comment"><xsl:value-of select="key('str', 'rating.comment')"/></label>
          <p class="hint" id="r-comment-hint"><xsl:value-of select="key('str', 'rating.comment.hint')"/></p>
          <xsl:if test="$err/@field = 'comment'">
            <p class="error" id="r-comment-err">
              <span class="visually-hidden"><xsl:value-of select="key('str', 'form.error-prefix')"/><xsl:text> </xsl:text></span>
              <xsl:value-of select="$err"/>
            </p>
          </xsl:if>
          <textarea id="r-comment" name="comment" rows="3" maxlength="1000"
              aria-describedby="r-comment-hint">
            <xsl:if test="$err/@field = 'comment'">
              <xsl:attribute name="aria-invalid">true</xsl:attribute>
              <xsl:attribute name="aria-describedby">r-comment-hint r-comment-err</xsl:attribute>
            </xsl:if>
            <xsl:value-of select="@comment"/>
          </textarea>
        </div>
        <p class="note"><xsl:value-of select="key('str', 'rating.once')"/></p>
        <button type="submit" class="primary"><xsl:value-of select="key('str', 'rating.submit')"/></button>
      </form>
    </section>
  </xsl:template>

  <xsl:template name="rating-choice">
    <xsl:param name="value"/>
    <xsl:param name="n"/>
    <div class="choice">
      <input type="radio" id="r-rating-{$n}" name="rating" value="{$value}" required="required">
        <xsl:if test="@rating = $value">
          <xsl:attribute name="checked">checked</xsl:attribute>
        </xsl:if>
      </input>
      <label for="r-rating-{$n}"><xsl:value-of select="key('str', concat('rating.', $value))"/></label>
    </div>
  </xsl:template>

  <!-- ==== actions ===================================================== -->

  <!-- Answering a supplement request: the form's fields, and files. -->
  <xsl:template match="action[@supplement]">
    <xsl:variable name="id" select="concat('a-', @id)"/>
    <form method="post" action="/dossiers/{/page/dossier/@code}/actions/{@id}{$q}"
        class="action apply" id="{$id}">
      <xsl:if test="form/@multipart">
        <xsl:attribute name="enctype">multipart/form-data</xsl:attribute>
      </xsl:if>
      <h3><xsl:value-of select="label"/></h3>
      <p class="note"><xsl:value-of select="key('str', 'dossier.supplement.intro')"/></p>
      <xsl:for-each select="form">
        <xsl:call-template name="form-errors"/>
      </xsl:for-each>
      <input type="hidden" name="csrf" value="{/page/@csrf}"/>
      <xsl:apply-templates select="form/section"/>
      <xsl:if test="remove/file">
        <fieldset class="remove">
          <legend><xsl:value-of select="key('str', 'dossier.supplement.remove')"/></legend>
          <xsl:for-each select="remove/file">
            <div class="choice">
              <input type="checkbox" name="remove" value="{@id}" id="{$id}-rm-{@id}"/>
              <label for="{$id}-rm-{@id}">
                <xsl:value-of select="concat(., ' – ', @field)"/>
              </label>
            </div>
          </xsl:for-each>
        </fieldset>
      </xsl:if>
      <xsl:call-template name="action-input"/>
      <p class="actions">
        <button type="submit" class="primary"><xsl:value-of select="label"/></button>
      </p>
    </form>
  </xsl:template>

  <!-- Any other action (withdrawing): a warning when it closes the
       dossier, and its reason or comment when it needs one. -->
  <xsl:template match="action">
    <xsl:variable name="id" select="concat('a-', @id)"/>
    <form method="post" action="/dossiers/{/page/dossier/@code}/actions/{@id}{$q}"
        class="action" id="{$id}">
      <h3><xsl:value-of select="label"/></h3>
      <xsl:if test="@final">
        <p class="warning" id="{$id}-warning">
          <strong><xsl:value-of select="key('str', 'dossier.final.warning')"/></strong>
        </p>
      </xsl:if>
      <input type="hidden" name="csrf" value="{/page/@csrf}"/>
      <xsl:call-template name="action-input"/>
      <button type="submit" class="secondary">
        <xsl:if test="@final">
          <xsl:attribute name="class">danger</xsl:attribute>
          <xsl:attribute name="aria-describedby"><xsl:value-of select="concat($id, '-warning')"/></xsl:attribute>
        </xsl:if>
        <xsl:value-of select="label"/>
      </button>
    </form>
  </xsl:template>

  <!-- The action's own comment or reason, when it needs one. -->
  <xsl:template name="action-input">
    <xsl:variable name="id" select="concat('a-', @id)"/>
    <xsl:variable name="err" select="error[@field]"/>
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
        <textarea id="{$id}-{@requires}" name="action_{@requires}" required="required" rows="3" maxlength="600">
          <xsl:if test="$err">
            <xsl:attribute name="aria-invalid">true</xsl:attribute>
            <xsl:attribute name="aria-describedby"><xsl:value-of select="concat($id, '-', @requires, '-err')"/></xsl:attribute>
          </xsl:if>
          <xsl:value-of select="@entered"/>
        </textarea>
      </div>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
