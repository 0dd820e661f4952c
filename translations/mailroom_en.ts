<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>Account</name>
    <message>
        <source>“%1” signs in as %2: its provider shows that address as the sender, not %3, unless %3 is an address the account may send as (in Gmail: Settings &gt; Accounts &gt; Send mail as).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AccountEditor</name>
    <message>
        <source>Sender Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Newsletter (Gmail)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Provider:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>smtp.example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P&amp;ort:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Se&amp;curity:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign &amp;in with:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>you@example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allow signing in without TLS (only for a relay you trust)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From na&amp;me:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blue Door Bakery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default: the user, when it is an address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages per &amp;day:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At most this many messages in any 24 hours (a rolling window)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many connections to the server at once (1 to 32)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Trust certificate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only for a self-hosted server whose certificate does not verify: the SHA-256 fingerprint of the one certificate to accept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHA-256 fingerprint (64 hex digits, colons optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>D&amp;KIM key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New Sender Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sender Account “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>STARTTLS (port 587)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS (port 465)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None (a local relay)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OAuth token (XOAUTH2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing (the server trusts this computer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave empty to keep the stored password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None (sign with the key of the From domain, if any)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The account was not saved: its password goes into the vault, which stayed locked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From &amp;address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages pe&amp;r minute:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conn&amp;ections:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OAut&amp;h token:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AccountPresets</name>
    <message>
        <source>Gmail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gmail sends at most 500 messages in any 24 hours (a rolling window, not a calendar day). Your normal Google password does not work here: turn on 2-Step Verification in your Google Account, then make an app password (Security &gt; App passwords) and enter those 16 letters as the password. The user is your full Gmail address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Google Workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Google Workspace sends at most 2,000 messages a day per user (500 while the account is in its trial: lower the daily limit until you have paid). Use an app password (2-Step Verification must be on, and your administrator must allow it) and your full work address as the user.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outlook / Microsoft 365</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Microsoft 365 lets one mailbox send to 10,000 recipients a day, 30 messages a minute, over at most 3 connections at once. Your administrator must allow SMTP AUTH for the mailbox; with multi-factor sign-in use an app password. The user is your full address. Outlook.com personal accounts have much lower, unpublished limits: start at 300 a day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amazon SES</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The host names your region: email-smtp.REGION.amazonaws.com (change us-east-1 to yours). The user and password are SMTP credentials made in the SES console, not your AWS keys. A new account is in the sandbox: 200 messages a day at 1 a second, to verified addresses only. Once out of it, set the daily limit and rate to the quota the console shows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other SMTP server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your provider&apos;s SMTP host; port 587 with STARTTLS is the usual submission port, 465 with TLS the other. Ask the provider for its daily cap and rate and set them here: Mailroom never sends more than you allow. For a self-hosted server whose certificate does not verify, trust its SHA-256 fingerprint instead of turning verification off.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AccountRepository</name>
    <message>
        <source>There is no sender account %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no sender account named &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate fingerprint &quot;%1&quot; contains &quot;%2&quot;, which is not a hex digit: give the SHA-256 fingerprint as 64 hex digits, colons optional.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate fingerprint &quot;%1&quot; has %2 hex digits; a SHA-256 fingerprint has 64 (colons optional).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The account needs a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The account name &quot;%1&quot; contains a control character.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The port %1 is not between 1 and 65535 (587 for STARTTLS, 465 for TLS).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The user &quot;%1&quot; contains a control character.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The account signs in to its server, so it needs a user (usually your full address).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The account signs in with an OAuth token: enter the token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The account signs in with a password: enter the password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The security is &quot;none&quot;, so the password would cross the network unencrypted: choose STARTTLS or TLS, or explicitly allow authentication without TLS for this account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The account needs a from address: the address its messages come from.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The from address &quot;%1&quot; is not an email address: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The from name &quot;%1&quot; contains a control character.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The daily limit must be at least 1 message, not %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The rate must be at least 1 message a minute, not %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connections must be between 1 and 32, not %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The trusted certificate fingerprint must be a SHA-256 fingerprint (32 bytes).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is already a sender account named &quot;%1&quot;; choose another name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The DKIM key %1 does not exist (any more).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The account&apos;s password goes into the vault, which is locked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The account &quot;%1&quot; cannot be deleted while campaign %2 &quot;%3&quot;, which may send from it, still has messages to send: let it finish, or cancel it first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The account &quot;%1&quot; has no password stored: edit it and enter one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no campaign %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The host is empty: enter the SMTP server&apos;s name, such as smtp.example.com.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The host &quot;%1&quot; contains a space or a control character: enter only the server&apos;s name, such as smtp.example.com.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The host &quot;%1&quot; is not a server name such as smtp.example.com.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AccountsDialog</name>
    <message>
        <source>Sender Accounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Campaigns are delivered through these accounts, each within its own daily limit and rate. Passwords are kept in the workspace&apos;s vault.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to the server, sign in and show exactly what happened; nothing is sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No sender accounts yet: press Add… and choose your provider.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel Test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the server said during the last test appears here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Limits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no sign-in)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 a day, %2 a minute, %n connection(s)</source>
        <translation>
            <numerusform>%1 a day, %2 a minute, %n connection</numerusform>
            <numerusform>%1 a day, %2 a minute, %n connections</numerusform>
        </translation>
    </message>
    <message>
        <source>Added %1. Press Test to check that it can sign in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete Sender Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not tested: the account&apos;s password is in the vault, which stayed locked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Testing %1: connecting to %2:%3…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trust Certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate of %1 did not verify. If it is your own server&apos;s certificate, Mailroom can trust exactly this one for the account %2 (SHA-256 %3). Trust it?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 now trusts the certificate %2. Test again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the account %1? Its stored password is deleted too. A campaign that listed only this account will send from every account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete Account</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AddContactCommand</name>
    <message>
        <source>Add %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AudienceQuery</name>
    <message>
        <source>There is no list with id %1; was it deleted?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no tag with id %1; was it deleted?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The segment &quot;%1&quot;: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A segment condition names a field this workspace does not have.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counting the audience was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BulkJobRunner</name>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mailroom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CampaignDelivery</name>
    <message>
        <source>The campaign &quot;%1&quot; cannot be sent: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The campaign &quot;%1&quot; is %2; it cannot be started.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The campaign &quot;%1&quot; is %2; it cannot be scheduled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The campaign &quot;%1&quot; is %2, not sending.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The campaign &quot;%1&quot; is %2, not paused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The campaign &quot;%1&quot; is %2; there is nothing to cancel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The campaign &quot;%1&quot; is %2; its recipients cannot be sent again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sent to a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>scheduled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CampaignEditor</name>
    <message>
        <source>Unlock the vault to preview: the preview carries each recipient&apos;s unsubscribe link.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The vault was locked. Unlock it to preview.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send to &amp;Folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write every recipient&apos;s message as an .eml file into a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Previous Recipient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Next Recipient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the &amp;Text Part</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Generate Text from HTML</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add &amp;Attachment…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add &amp;Inline Image…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove Attachment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Subject:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pre&amp;header:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From na&amp;me:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From &amp;address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;ply-To:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>News for {{ first_name | default: &quot;you&quot; }}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The line inboxes show after the subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>news@example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Empty: replies go to the From address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audience</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Lists:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Tags:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Narrowed by se&amp;gment:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No list or tag ticked: every contact.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;HTML</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave empty to send the text generated from the HTML (shown greyed).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Generate from HTML</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Te&amp;xt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Footer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Content ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add &amp;File…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add Inline &amp;Image…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach&amp;ments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>◀ Pre&amp;vious</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ne&amp;xt ▶</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview as (email)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview the message as this contact: pick one, or type an email and press Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Text Part</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Unlock the Vault…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Errors block sending; warnings do not. Click one to go to its line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%L2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None (the whole lists and tags)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counting recipients…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1[*] — Campaign — Mailroom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot Save the Campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send to Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The messages are still being written. Stop and close?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsaved Changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save your changes to the campaign “%1”?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The checks run once the vault is unlocked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This message cannot be rendered:
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (a stand-in: nobody is in the audience)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No problems found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (line %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generate from HTML</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace the text part with the one generated from the HTML?</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipient(s); left out: %1 unsubscribed, %2 bounced, %3 complained, %4 suppressed</source>
        <translation>
            <numerusform>%Ln recipient; left out: %1 unsubscribed, %2 bounced, %3 complained, %4 suppressed</numerusform>
            <numerusform>%Ln recipients; left out: %1 unsubscribed, %2 bounced, %3 complained, %4 suppressed</numerusform>
        </translation>
    </message>
    <message>
        <source>%L1 of %L2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not in the audience</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no such contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attachment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inline image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add Inline Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.gif)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add Attachment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is %2; a campaign&apos;s files can be at most %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Content ID (the HTML shows the image with &lt;img src=&quot;cid:ID&quot;&gt;):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read “%1”: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove Attachment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove “%1” from the campaign?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlock the vault to send: it holds the unsubscribe key and the DKIM keys messages are signed with.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fix these errors before sending:
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing messages…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing messages… %L1 of %L2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled: the files written so far stay in the folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Wrote %Ln message(s) to %1.</source>
        <translation>
            <numerusform>Wrote %Ln message to %1.</numerusform>
            <numerusform>Wrote %Ln messages to %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Left out: %1 unsubscribed, %2 bounced, %3 complained, %4 suppressed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (footer, line %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Send…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the campaign from your sender accounts, now or at a time you choose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused: changes you save reach only the recipients not sent yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Being sent: changes you save reach only the recipients not sent yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheduled for %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CampaignListDialog</name>
    <message>
        <source>Campaigns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>D&amp;uplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent to folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicate Campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (copy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete Campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the campaign “%1” and its attachments? This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CampaignNewDialog</name>
    <message>
        <source>New Campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spring newsletter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start from:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Create</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blank</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CampaignRenderer</name>
    <message>
        <source>Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preheader</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTML</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Footer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTML: an {% if %} block must open and close on the same side of &lt;body&gt; and &lt;/body&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preheader: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTML: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Footer: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CampaignRepository</name>
    <message>
        <source>A campaign needs a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The campaign name &quot;%1&quot; is longer than 200 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The subject must be one line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The subject is longer than 998 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The preheader must be one line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sender&apos;s name must be one line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sender&apos;s name is longer than 200 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The From address &quot;%1&quot; is not valid: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Reply-To address &quot;%1&quot; is not valid: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The campaign&apos;s list %1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The campaign&apos;s tag %1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The campaign&apos;s segment %1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no campaign %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no attachment %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The attachment name &quot;%1&quot; is not a file name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An attachment&apos;s name must be one line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is %2 MB; attachments can be at most 18 MB (most mail servers refuse bigger messages).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CampaignSendDialog</name>
    <message>
        <source>Send Campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send from these &amp;accounts (none checked: every account):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send &amp;now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Schedule for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This campaign cannot be sent until these are fixed in its editor:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send “%1” (subject: %2) over SMTP.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2, %L3 a day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no sender account yet: add one with Campaigns &gt; Sender Accounts… first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counting the recipients…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n account(s), up to %L1 messages a day.</source>
        <translation>
            <numerusform>%n account, up to %L1 messages a day.</numerusform>
            <numerusform>%n accounts, up to %L1 messages a day.</numerusform>
        </translation>
    </message>
    <message>
        <source>Finishes around %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These accounts cannot send it within a year.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send &amp;Now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The time to send at, %1, has passed: choose a later one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Putting every recipient in the outbox…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody in the audience is left to send to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipient(s).</source>
        <translation>
            <numerusform>%Ln recipient.</numerusform>
            <numerusform>%Ln recipients.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipient(s) in the outbox.</source>
        <translation>
            <numerusform>%Ln recipient in the outbox.</numerusform>
            <numerusform>%Ln recipients in the outbox.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CampaignWindows</name>
    <message>
        <source>&amp;New Campaign…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Campaigns…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Campaigns</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ColumnChooserDialog</name>
    <message>
        <source>Columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show these columns in the contacts table:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ColumnMapping</name>
    <message>
        <source>Column %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes/no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The saved column mapping cannot be used: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>column %1 (&quot;%2&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no target.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has a separator that is not text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 names no field.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has the unknown field type &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has the unknown target &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its version is %1 where 1 was expected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its phone region is not text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it has no list of columns.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>column %1 has no header name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mapping has %1 targets for %2 columns.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Column &quot;%1&quot; cannot fill %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Columns &quot;%1&quot; and &quot;%2&quot; are both mapped to %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Columns &quot;%1&quot; and &quot;%2&quot; are both mapped to the full name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Column &quot;%1&quot;: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Columns &quot;%1&quot; and &quot;%2&quot; are both mapped to the field &quot;%3&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Column &quot;%1&quot; is mapped to the field &quot;%2&quot; as %3, but that field holds %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Column &quot;%1&quot; needs a separator between its tags.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Column &quot;%1&quot; needs a separator between its lists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Column &quot;%1&quot; is split into first and last name, but column &quot;%2&quot; fills one of them too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No column is mapped to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a known phone region: use a two-letter country code such as DE.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Connection</name>
    <message>
        <source>Cannot open the workspace %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a readable Mailroom workspace: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ContactColumn</name>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Street</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>City</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Country</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updated</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ContactController</name>
    <message numerus="yes">
        <source>Deleting %Ln contact(s)…</source>
        <translation>
            <numerusform>Deleting %Ln contact…</numerusform>
            <numerusform>Deleting %Ln contacts…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Tagging %Ln contact(s)…</source>
        <translation>
            <numerusform>Tagging %Ln contact…</numerusform>
            <numerusform>Tagging %Ln contacts…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Removing the tag from %Ln contact(s)…</source>
        <translation>
            <numerusform>Removing the tag from %Ln contact…</numerusform>
            <numerusform>Removing the tag from %Ln contacts…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Adding %Ln contact(s) to the list…</source>
        <translation>
            <numerusform>Adding %Ln contact to the list…</numerusform>
            <numerusform>Adding %Ln contacts to the list…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Removing %Ln contact(s) from the list…</source>
        <translation>
            <numerusform>Removing %Ln contact from the list…</numerusform>
            <numerusform>Removing %Ln contacts from the list…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Changing the status of %Ln contact(s)…</source>
        <translation>
            <numerusform>Changing the status of %Ln contact…</numerusform>
            <numerusform>Changing the status of %Ln contacts…</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to change: the selected contacts were already like that.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another change is still running; try again when it has finished.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ContactEditor</name>
    <message>
        <source>No contact selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name@example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Required. Each email address can belong to one contact only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Street</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>City</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Country</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comma-separated, e.g. vip, newsletter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comma-separated list names</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Revert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard the changes made in the editor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the contact (Ctrl+S)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 &lt;%2&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (edited)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ContactExporter</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no custom field named &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a file to export to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export cancelled; %1 was not written.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ContactImporter</name>
    <message>
        <source>%1 has no rows to import.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write the error report %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raw row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mapping has %1 columns but the file has %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is also on line %2, which was imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is also on an earlier line, which was imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is also on an earlier line, which matched the existing contact.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import cancelled; nothing was imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The contact is now %1, as this row says.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ContactRepository</name>
    <message>
        <source>Cancelled; nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 contains a line break or control character.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is longer than 200 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a phone number: use digits, spaces, + ( ) - . / and ext.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes are longer than 10,000 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The consent date is in the future.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no custom field named &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is already in this workspace (contact #%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is already in this workspace as %2 (contact #%3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The contact %1 no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That contact no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no contact #%1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no contact with the email %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ContactRowBuilder</name>
    <message>
        <source>Status &quot;%1&quot; is not one of subscribed, unsubscribed, bounced or complained.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent date &quot;%1&quot; is not a date; write it as YYYY-MM-DD.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ContactStatus</name>
    <message>
        <source>Subscribed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsubscribed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bounced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Complained</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ContactTableModel</name>
    <message>
        <source>Yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ContentChecker</name>
    <message>
        <source>(no text)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The link “%1” has no address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its href is empty, so clicking it does nothing or reloads the message. Enter the full address, starting with https://.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The link “%1” goes nowhere (#)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“#” is a placeholder left from a template. Replace it with the page the reader should reach, starting with https://.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The link “%1” is not a full address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An email has no website around it, so an address without https:// (such as “www.example.com” or “/shop”) leads nowhere. Write the full address, starting with https://.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The link “%1” runs a script</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mail programs never run scripts, so this link does nothing, and spam filters treat it as a sign of an attack. Link to a web page instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The link “%1” is not a valid address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The address is misspelled or contains characters that are not allowed (such as spaces), so clicking it will fail. Copy the address again from the browser&apos;s address bar.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The link “%1” does not use https</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browsers mark http: pages as not secure and some spam filters count such links against you. Use https:// if the site supports it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The link “%1” has no address after “%2:”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Without an address or number the link opens an empty message or does nothing. Add what should come after “%1:”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The link “%1” uses “%2:”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Many mail programs block or ignore links that are not https:, mailto: or tel:, so readers may not be able to open it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The subject is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages without a subject look like spam and are often deleted unread. Say in a few words what the message is about.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The subject is written in capitals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A subject in capitals reads as shouting, and spam filters score it against you. Write it in normal case.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The subject has runs of !, ? or $</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strings such as “!!!” or “$$$” are a classic spam sign and make filters more likely to move the message to spam. One exclamation mark at most.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The subject contains words spam filters look for: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spam filters score these words, and together with other signs they can send the message to the spam folder. Rephrase the subject in your own words.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The preheader contains words spam filters look for: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The preheader is read by spam filters like the rest of the message. Rephrase it in your own words.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no From address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every message needs a sender address that replies and bounces can reach. Enter the address you send from.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The From domain %1 has no DKIM key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Without a DKIM signature Gmail, Yahoo and others cannot verify that the message really comes from %1, and many will send it to spam. Create a DKIM key for the domain and publish the DNS record shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message has no content</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Neither the HTML nor the text part contains anything to read. Write the message before sending it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A merge tag that is unknown or written wrongly would show up blank or broken for every recipient. Fix the tag at this line, or choose a field that exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The image %1 has no alt text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Many readers see the message with images blocked, and screen readers read the alt text aloud. Describe the image in its alt attribute, or write alt=&quot;&quot; if it is only decoration.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no unsubscribe link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The law (CAN-SPAM, GDPR) and the large mailbox providers require an easy way to unsubscribe from marketing mail. Add the {{ unsubscribe_url }} link to the footer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The footer has no postal address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CAN-SPAM requires every marketing email to show the sender&apos;s valid physical postal address. Enter it in the sender settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message is %1 KB; Gmail will clip it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gmail shows only the first 102 KB of a message and hides the rest, including your footer and unsubscribe link, behind “View entire message”. Remove content, compress or host images, or shorten the HTML.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message is %1 KB, close to Gmail&apos;s 102 KB limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gmail clips messages over 102 KB. Personalized values can push some recipients&apos; copies over the limit; keep the message smaller.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message has no text part</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some readers and many spam filters expect a plain-text version beside the HTML. Let Mailroom generate it from the HTML, or write one.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CsvReader</name>
    <message>
        <source>The file is not open for reading.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line %1: the row is longer than %2 characters. Is a quote left open?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the file after line %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line %1: a quoted field is still open at the end of the file.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CsvWriter</name>
    <message>
        <source>Cannot write the file: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CustomField</name>
    <message>
        <source>%1 is longer than 10,000 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a date; write it as YYYY-MM-DD.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not yes or no.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid field name: use up to 64 letters, digits, spaces, _ or -.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CustomFieldRepository</name>
    <message>
        <source>There is no custom field named &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A custom field named &quot;%1&quot; already exists.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeleteContactsCommand</name>
    <message numerus="yes">
        <source>Delete %Ln contact(s)</source>
        <translation>
            <numerusform>Delete %Ln contact</numerusform>
            <numerusform>Delete %Ln contacts</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undoing: %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redoing: %1…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeliveryController</name>
    <message>
        <source>Campaigns wait to be sent until the vault is unlocked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot start sending: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending waits for the vault</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Sending over %n connection(s)</source>
        <translation>
            <numerusform>Sending over %n connection</numerusform>
            <numerusform>Sending over %n connections</numerusform>
        </translation>
    </message>
    <message>
        <source>Sending resumes %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready to send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Campaign sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” has been sent to everyone it could reach.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mailroom</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeliveryEngine</name>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The contact was deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A scheduled campaign could not start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Campaign “%1” cannot be rendered: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped waiting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>More than %1 sending sessions at once.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeliveryJournal</name>
    <message>
        <source>The delivery journal %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this is not a journal this version of Mailroom wrote; move it away and start again</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeliveryStatus</name>
    <message>
        <source>Not started.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starts at %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheduled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused with %1 recipients to go.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No sender account may send this campaign: add one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for quota until %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finishes around %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finishing the messages in flight.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DemoCampaign</name>
    <message>
        <source>Spring newsletter (sample)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{{ first_name | default: &quot;Hello&quot; }}, our spring range is in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New glazes, and 10% off for subscribers until Sunday</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DemoGenerator</name>
    <message>
        <source>The number of demo contacts cannot be negative (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Making the demo contacts was cancelled; nothing was added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Making the demo contacts stopped early.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DkimKey</name>
    <message>
        <source>The RSA key has %1 bits; DKIM verifiers refuse keys shorter than 1024 bits (RFC 8301). Generate a new key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The RSA key has %1 bits; its DNS record would be too long to publish. Use 2048 bits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The private key is a %1 key; DKIM signs with RSA or Ed25519 keys only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The private key is damaged: its parts do not fit together.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not generate a DKIM key: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The DKIM private key is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The DKIM private key is not in PEM form: it should start with &quot;-----BEGIN PRIVATE KEY-----&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The DKIM private key&apos;s PEM text is damaged (its base64 or its BEGIN/END lines); copy the whole key again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The DKIM private key is protected by a passphrase; export it without one (openssl pkey -in key.pem -out plain.pem). Mailroom keeps it encrypted in its vault.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is a %1, not a private key; DKIM signing needs the private key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The DKIM private key is a &quot;%1&quot;; DKIM signs with RSA or Ed25519 keys in a &quot;PRIVATE KEY&quot; PEM.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The DKIM private key could not be read: its &quot;%1&quot; block holds no valid key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not sign with the DKIM key: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown libcrypto error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>libcrypto could not read the RSA key: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DkimKeyRepository</name>
    <message>
        <source>&quot;%1&quot; is not a domain name such as example.com.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a DKIM selector: use letters, digits and hyphens, such as &quot;mailroom1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 already has a DKIM key with the selector &quot;%2&quot;; pick another selector.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no DKIM key %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DkimKeysDialog</name>
    <message>
        <source>DKIM Keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages from a domain with a key here are signed with DKIM. Publish the key&apos;s TXT record in the domain&apos;s DNS so receivers can check the signature.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DKIM keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New Key…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No keys yet: press New Key… to make one for the domain you send from.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DNS record to publish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Na&amp;me (host):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the record&apos;s name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Value (TXT):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;opy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the record&apos;s value, as DNS hosting panels ask for it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Zone file line:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cop&amp;y</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the line for a BIND zone file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DNS record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Algorithm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ed25519</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RSA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DNS record to publish for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key was not made: the vault that keeps it is locked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Making the key…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New DKIM Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publish this TXT record in the DNS of %1; receivers check signatures against it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove DKIM Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the key %1? Its private half is deleted from the vault and cannot be brought back; messages are no longer signed with it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removed %1. Delete its TXT record from your DNS as well.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DkimNames</name>
    <message>
        <source>A DKIM signing domain is required (example.com).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a domain name a DKIM key can be published for (a name such as example.com).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A DKIM selector is required (for example s1 or mail2026).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a DKIM selector: use letters, digits and hyphens, with dots between parts (s1, mail-2026).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DkimSigner</name>
    <message>
        <source>Cannot DKIM-sign the message: line %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>starts with a space but follows no header field.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>has a bare %1; a message to be sent must end its lines with CRLF.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is not a header field (Name: value).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not hash the message body: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The DKIM self-test failed (%1); DKIM signing is disabled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a header field name DKIM can sign.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot DKIM-sign the message: it has no From header field, and DKIM signs From.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EditContactCommand</name>
    <message>
        <source>Edit %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EmailAddress</name>
    <message>
        <source>&quot;%1&quot; is not an email address: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An email address is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it has no @.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing comes before the @.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing comes after the @.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the part before the @ is longer than 64 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dots must separate words before the @.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not allowed before the @.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the domain after the @ is not a valid domain name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid domain name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the domain is longer than 255 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the domain &quot;%1&quot; has no dot (example.com).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the domain &quot;%1&quot; is not a valid domain name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the domain &quot;%1&quot; ends in a number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is longer than 254 characters.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EncodedPart</name>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The attachment &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An attachment needs a file name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a MIME type such as application/pdf.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The inline image &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a Content-ID is letters, digits and . - _ + = around one @, such as logo@example.com.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a MIME type such as image/png.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export Contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Whole workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The selected &amp;list or tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The current &amp;search result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The selected &amp;contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Visible columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;All columns, custom fields included</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CS&amp;V (spreadsheets, other tools)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For &amp;Excel (semicolons, byte order mark)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>v&amp;Card 4.0 (address books, phones)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The current search result (“%1”)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The %Ln selected contact(s)</source>
        <translation>
            <numerusform>The selected contact</numerusform>
            <numerusform>The %Ln selected contacts</numerusform>
        </translation>
    </message>
    <message>
        <source>vCard files (*.vcf);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the file to export to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 already exists. Replace it?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported %1 of %2 contacts…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled: no file was written.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FolderSend</name>
    <message>
        <source>The campaign cannot be sent: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped after %1 messages.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FolderTransport</name>
    <message>
        <source>No folder was given.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a file, not a folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GroupMembershipCommand</name>
    <message numerus="yes">
        <source>Tag %Ln contact(s) with &quot;%1&quot;</source>
        <translation>
            <numerusform>Tag %Ln contact with &quot;%1&quot;</numerusform>
            <numerusform>Tag %Ln contacts with &quot;%1&quot;</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove tag &quot;%1&quot; from %Ln contact(s)</source>
        <translation>
            <numerusform>Remove tag &quot;%1&quot; from %Ln contact</numerusform>
            <numerusform>Remove tag &quot;%1&quot; from %Ln contacts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Add %Ln contact(s) to list &quot;%1&quot;</source>
        <translation>
            <numerusform>Add %Ln contact to list &quot;%1&quot;</numerusform>
            <numerusform>Add %Ln contacts to list &quot;%1&quot;</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove %Ln contact(s) from list &quot;%1&quot;</source>
        <translation>
            <numerusform>Remove %Ln contact from list &quot;%1&quot;</numerusform>
            <numerusform>Remove %Ln contacts from list &quot;%1&quot;</numerusform>
        </translation>
    </message>
    <message>
        <source>Undoing: %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redoing: %1…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GroupRepository</name>
    <message>
        <source>The tag &quot;%1&quot; contains a comma; tags are separated by commas.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A tag needs a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A list needs a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tag name &quot;%1&quot; is longer than 100 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The list name &quot;%1&quot; is longer than 100 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tag name &quot;%1&quot; contains a control character.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The list name &quot;%1&quot; contains a control character.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no tag named &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no list named &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A tag named &quot;%1&quot; already exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A list named &quot;%1&quot; already exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The list &quot;%1&quot; contains a comma; lists are separated by commas.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HeaderEncoding</name>
    <message>
        <source>&quot;%1&quot; cannot be used as an email address: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 header needs at least one address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 header: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An email address is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it holds a space or a control character.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is not of the form name@domain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the part before the @ has non-ASCII characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the part before the @ is invalid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the domain is not a valid domain name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is longer than 254 characters.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportFilePage</name>
    <message>
        <source>Choose a File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contacts from Excel, Google Contacts, Outlook, Apple Contacts or a phone: CSV or text files with any delimiter, or vCard files (.vcf).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>contacts.csv</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing is changed until you confirm the summary at the last step, and then the whole file is imported at once or not at all.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import Contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact files (*.csv *.txt *.tsv *.vcf *.vcard);;CSV files (*.csv);;Text files (*.txt *.tsv);;vCard files (*.vcf *.vcard);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportFormatPage</name>
    <message>
        <source>Comma ( , )</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Semicolon ( ; )</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vertical bar ( | )</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check How the File Reads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mailroom detected the encoding, the delimiter and the header row. If the preview looks wrong, change them here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Encoding:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delimiter:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first row is a &amp;header (column names)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first rows of the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the start of the file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detected (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 · %Ln column(s) · the first %2 rows are shown.</source>
        <translation>
            <numerusform>%1 · %Ln column · the first %2 rows are shown.</numerusform>
            <numerusform>%1 · %Ln columns · the first %2 rows are shown.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 · a vCard file: each card is one contact. The first %2 cards are shown.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportMappingPage</name>
    <message>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yes/no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Map the Columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose where each column of the file goes. The rows below show the first contacts as they will be stored, and what is wrong with them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Columns of the file and where they go</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first contacts as they will be imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone numbers without a country code are from:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nowhere: keep them as written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save Mapping…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Load Mapping…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import %1 as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full name (first and last)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom field…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The character between two names in one cell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>separated by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No rows to preview.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The first %Ln row(s) as they will be imported: no problems.</source>
        <translation>
            <numerusform>The first row as it will be imported: no problems.</numerusform>
            <numerusform>The first %Ln rows as they will be imported: no problems.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The first %1 rows as they will be imported: %Ln row(s) with problems will not be imported (hover over a row to see why).</source>
        <translation>
            <numerusform>The first %1 rows as they will be imported: %Ln row with problems will not be imported (hover over it to see why).</numerusform>
            <numerusform>The first %1 rows as they will be imported: %Ln rows with problems will not be imported (hover over a row to see why).</numerusform>
        </translation>
    </message>
    <message>
        <source>Save Mapping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Column mappings (*.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load Mapping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a saved mapping: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportOptionsPage</name>
    <message>
        <source>Options</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where the contacts go, and what happens to people who are already in the workspace.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add everyone to the &amp;list:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick a list or type a new name; leave empty to add to no list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>And &amp;tag everyone with:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fair-2024, imported (separated by commas)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When an email address is already in the workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Skip the row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The contact stays as it is; only the list and tags above are added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Fill empty fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Values from the file go only into fields the contact has left empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Overwrite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every non-empty value in the file replaces what the contact has.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsubscribed, bounced and complained contacts keep their status whatever the file says.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Error report:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows that cannot be imported are written here with the line number and the reason, to fix and import again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bro&amp;wse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error Report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportRunPage</name>
    <message>
        <source>Review and Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is read and checked in full. Nothing is kept until you click Import.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows read:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New contacts:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updated contacts:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unchanged contacts:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid rows (not imported):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicates within the file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows that will not be imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open Error Report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the previous run to stop…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another change is running in the window. Wait until it has finished, then go back and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading and checking %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 rows · %2 of %3 · %4 rows/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) matched unsubscribed contacts and were left unsubscribed.</source>
        <translation>
            <numerusform>%Ln row matched an unsubscribed contact and was left unsubscribed.</numerusform>
            <numerusform>%Ln rows matched unsubscribed contacts and were left unsubscribed.</numerusform>
        </translation>
    </message>
    <message>
        <source>New custom fields: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checked in full. This file would not add or change any contact.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checked in full. Click Import to keep it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The import failed; nothing was changed. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled: nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Checked in full. Click Import to keep the valid rows; %Ln row(s) will be left out.</source>
        <translation>
            <numerusform>Checked in full. Click Import to keep the valid rows; %Ln row will be left out.</numerusform>
            <numerusform>Checked in full. Click Import to keep the valid rows; %Ln rows will be left out.</numerusform>
        </translation>
    </message>
    <message>
        <source>Every row is read; updating the search index…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported, but: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportSource</name>
    <message>
        <source>%1 is a spreadsheet workbook, not a CSV file: save it as CSV (UTF-8) from your spreadsheet program and import that.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 does not exist or is not a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Column %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Categories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The row has %1 fields where the header has %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>Import Contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keychain</name>
    <message>
        <source>No keychain is available on this computer (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keychain refused access (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keychain holds no entry &apos;%1&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%Ln contact(s)</source>
        <translation>
            <numerusform>%Ln contact</numerusform>
            <numerusform>%Ln contacts</numerusform>
        </translation>
    </message>
    <message>
        <source>Mailroom workspaces (*.mailroom);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mailroom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled: nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New Workspace…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open Workspace…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select &amp;All Contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Columns…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New Contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a contact (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save Contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the selected contacts (Del)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add &amp;Tag…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tag the selected contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove Tag…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add to &amp;List…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add the selected contacts to a list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove &amp;from List…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set &amp;Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lists, tags and statuses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search names, email, company, tags and notes (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is already in this workspace.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is already in this workspace as %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A change is still running. Cancel it and quit? Nothing of it will be kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait until the running change has finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot Open Workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New Workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot Create Workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot Create the Demo Workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Making a demo workspace with %L1 sample contacts…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — Mailroom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsaved Changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save your changes to %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the new contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot Add Contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot Save Contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add Tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove Tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tag the selected contacts with:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove this tag from the selected contacts:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add to List</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove from List</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add the selected contacts to the list:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the selected contacts from the list:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Redo %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No workspace open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Newest First</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save Contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait until the running change has finished, then save again. Your edit is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import Contacts…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import contacts from a CSV or vCard file (Ctrl+Shift+I)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export Contacts…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export contacts to a CSV or vCard file (Ctrl+Shift+E)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Imported: %Ln new contact(s)</source>
        <translation>
            <numerusform>Imported: %Ln new contact</numerusform>
            <numerusform>Imported: %Ln new contacts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %Ln updated</source>
        <translation>
            <numerusform>, %Ln updated</numerusform>
            <numerusform>, %Ln updated</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %Ln invalid row(s) not imported</source>
        <translation>
            <numerusform>, %Ln invalid row not imported</numerusform>
            <numerusform>, %Ln invalid rows not imported</numerusform>
        </translation>
    </message>
    <message>
        <source>the list “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the tag “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the contacts with status “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln contact(s) to %1.</source>
        <translation>
            <numerusform>Exported %Ln contact to %1.</numerusform>
            <numerusform>Exported %Ln contacts to %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>This workspace has no contacts yet.
Import them from a spreadsheet, Google Contacts, Outlook or a phone, or add them one by one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;ampaigns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sender Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;DKIM Keys…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;egments…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Su&amp;ppression List…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sender &amp;Accounts…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Outbox…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What is being sent, to whom, and when it will finish</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MergeTemplate</name>
    <message>
        <source>line %1: %2 is not a contact field.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line %1: %2 is %3, which is not a date: the date filter needs a date such as 2024-03-31 or 2024-03-31T14:30.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line 1, column 1: the template is longer than %1 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Did you mean %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{{ is not closed: end the tag with }}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{% is not closed: end the tag with %}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{{ }} has no field name in it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a field name such as first_name should follow {{.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>field names are made of letters, digits, _ and ., and a filter follows a |.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a filter (default, upper, lower, capitalize or date) should follow |.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a filter: use default, upper, lower, capitalize or date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the %1 filter takes no value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the value in quotes is not closed on its line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the %1 filter needs a value in quotes after the colon, e.g. %1: &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the %1 filter needs a value in quotes, e.g. %1: &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a date format code: use %Y %m %d %e %B %b %A %a %H %M or %% for a %.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{% %} has no if, else or endif in it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a tag: use if, else or endif.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>if, else or endif should follow {%.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{% %1 %} takes nothing else.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{% else %} has no {% if %} before it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{% else %} is the second one of the %1 on line %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{% endif %} has no {% if %} before it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{% if %} needs a field name, e.g. {% if first_name %}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a field name such as first_name should follow if.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{% if %} tests one field: it is true when the field is not empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not closed: add {% endif %} where its part ends.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line %1, column %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the end of the tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a value in quotes that is not closed on its line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is unexpected here: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Migrations</name>
    <message>
        <source>%1 is a database, but not a Mailroom workspace.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The workspace %1 has no schema version; it is damaged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The workspace %1 has an unreadable schema version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The workspace %1 was made by a newer Mailroom (schema %2; this version reads up to %3). Update Mailroom to open it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MimeMessage</name>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; cannot be written in the header.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a mailto address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an https:// URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a message id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The part given to %1 is of another kind.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the message has no valid date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message has neither a text nor an HTML body.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two inline images have the Content-ID %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inline images need an HTML body to show them.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NewDkimKeyDialog</name>
    <message>
        <source>New DKIM Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Domain:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The domain of your From address, such as example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Selector:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name of this key in DNS; a new key (a rotation) gets a new selector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Algorithm:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Generate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RSA 2048 (accepted everywhere)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ed25519 (short; not all receivers check it yet)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Outbox</name>
    <message>
        <source>Outbox row %1 cannot be recorded as %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The contact was deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The contact unsubscribed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The contact&apos;s address bounced.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The contact complained (marked a message as spam).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The address is on the suppression list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The address&apos;s domain is on the suppression list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mailroom stopped while waiting for the server&apos;s reply to this message: it may have been delivered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The computer restarted while this message was being sent: it may have been delivered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mailroom stopped before this message was sent: it goes out again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no outbox row %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only unknown or failed recipients can be sent again, not %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent again at the user&apos;s request (was unknown).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retried at the user&apos;s request (had failed).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outbox row %1 is %2, not %3.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OutboxState</name>
    <message>
        <source>Queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deferred</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OutboxTableModel</name>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server reply</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OutboxWindow</name>
    <message>
        <source>Outbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send nothing more until resumed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel Campaign…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel Campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry &amp;Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put every recipient whose server refused the message back in the queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resend &amp;Unknown…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resend Unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send again to the recipients whose message may or may not have gone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;ampaign:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent in 24 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every recipient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The selected recipient&apos;s attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outbox — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %L2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%L1 messages in the last minute, of %L2 recipients in all.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%L1 of %L2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resting until %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>May send %L1 now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Out of quota until %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel “%1”? The %L2 recipients still waiting will not get it. This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>These %Ln people may get the message twice: their server may have accepted it before the connection or Mailroom stopped. Send it to them again?</source>
        <translation>
            <numerusform>This person may get the message twice: their server may have accepted it before the connection or Mailroom stopped. Send it again?</numerusform>
            <numerusform>These %Ln people may get the message twice: their server may have accepted it before the connection or Mailroom stopped. Send it to them again?</numerusform>
        </translation>
    </message>
    <message>
        <source>Paused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resumed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Cancelled: %Ln recipient(s) will not get it.</source>
        <translation>
            <numerusform>Cancelled: %Ln recipient will not get it.</numerusform>
            <numerusform>Cancelled: %Ln recipients will not get it.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipient(s) back in the queue.</source>
        <translation>
            <numerusform>%Ln recipient back in the queue.</numerusform>
            <numerusform>%Ln recipients back in the queue.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PassphraseSource</name>
    <message>
        <source>No passphrase on standard input: it is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The passphrase on standard input is longer than 4096 bytes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No passphrase on standard input: its first line is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The passphrase on standard input is not UTF-8 text.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QuotaLedger</name>
    <message>
        <source>There is no sender account %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The account &quot;%1&quot; may send %2 more messages now, not %3.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReplyPolicy</name>
    <message>
        <source>Gave up after %1 tries over %2 hours: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No reply after the end of the message (timed out): it may have been delivered. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection ended after the end of the message: it may have been delivered. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection failed before the message was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent %1 times in a row; trying again later. %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Segment</name>
    <message>
        <source>is</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is not</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>contains</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>does not contain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>starts with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ends with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is not empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>=</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>≠</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>≤</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>≥</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is within the last N days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is more than N days ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>has</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>has not</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The segment&apos;s rules are not valid JSON: %1 at character %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The segment&apos;s rules must be a JSON object with &quot;match&quot; and &quot;conditions&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The segment&apos;s rules have an unknown key &quot;%1&quot; (they have match and conditions).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The segment&apos;s &quot;match&quot; must be &quot;all&quot; or &quot;any&quot;, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The segment&apos;s &quot;conditions&quot; must be a list of conditions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Condition %1: there is no custom field with id %2; was it deleted?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Condition %1: there is no field &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; does not apply to a %2 field.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; needs a tag or list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Condition %1: there is no tag with id %2; was it deleted?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Condition %1: there is no list with id %2; was it deleted?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the number of days must be a whole number from 0 to %L1, not &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; needs a value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a date; write it as YYYY-MM-DD.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a status (subscribed, unsubscribed, bounced or complained).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the value is longer than 1,000 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes/no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tag or list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>custom field %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Condition %1 (%2): </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Condition %1 is not a JSON object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Condition %1: unknown key &quot;%2&quot; (a condition has field, field_id, op and value).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Condition %1 names no field.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Condition %1: a custom field condition needs the field&apos;s id as &quot;field_id&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the condition has no operator (&quot;op&quot;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an operator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the value must be the id of a tag or list, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the value must be text or a number, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SegmentConditionRow</name>
    <message>
        <source>Tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comparison</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a number, such as 12.5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number of days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tag or list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove this condition</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SegmentEditor</name>
    <message>
        <source>Segment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Berlin customers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contacts &amp;match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>of these conditions (none: every contact):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add Condition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New Segment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Segment “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Complete the conditions to see how many contacts match.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln contact(s) match; %1 would receive a campaign.</source>
        <translation>
            <numerusform>%Ln contact matches; %1 would receive a campaign.</numerusform>
            <numerusform>%Ln contacts match; %1 would receive a campaign.</numerusform>
        </translation>
    </message>
    <message>
        <source>Left out whatever the rules say: %1 unsubscribed, %2 bounced, %3 complained, %4 suppressed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SegmentListDialog</name>
    <message>
        <source>Segments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A segment narrows a campaign&apos;s audience by rules on fields, tags, lists, status and dates.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved segments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No segments yet: press New… to make one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No conditions: every contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln condition(s)</source>
        <translation>
            <numerusform>%Ln condition</numerusform>
            <numerusform>%Ln conditions</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete Segment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the segment “%1”?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SegmentRepository</name>
    <message>
        <source>A segment needs a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The segment name &quot;%1&quot; is longer than 100 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The segment name &quot;%1&quot; contains a control character.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The segment &quot;%1&quot;: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A segment named &quot;%1&quot; already exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no segment with id %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no segment named &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The segment &quot;%1&quot; is used by %n campaign(s) (%2); choose another audience for them first.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>The segment &quot;%1&quot; is damaged: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SenderSettings</name>
    <message>
        <source>The postal address is longer than 500 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The unsubscribe URL &quot;%1&quot; is not an https:// address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The unsubscribe URL &quot;%1&quot; has no {token}: without it nobody&apos;s unsubscribe can be told apart.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The unsubscribe address &quot;%1&quot; is not valid: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SenderSettingsDialog</name>
    <message>
        <source>Sender Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every campaign of this workspace carries these in its footer and headers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Postal address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The address the law asks every marketing email to show (CAN-SPAM, the German Impressum)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blue Door Bakery
12 Harbour Street
Bristol BS1 4QA, United Kingdom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsubscribe &amp;URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An https:// address of your website with {token} where each recipient&apos;s unsubscribe token goes. Leave empty to receive unsubscribes by email.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>https://example.com/unsubscribe?t={token}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsubscribe &amp;address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where unsubscribe emails go, with the token in their subject. Empty: the campaign&apos;s From address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The campaign&apos;s From address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Campaigns cannot be sent until the postal address is filled in.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SetStatusCommand</name>
    <message numerus="yes">
        <source>Set %Ln contact(s) to %1</source>
        <translation>
            <numerusform>Set %Ln contact to %1</numerusform>
            <numerusform>Set %Ln contacts to %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Undoing: %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redoing: %1…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SidebarModel</name>
    <message numerus="yes">
        <source>%1: %n contact(s)</source>
        <translation>
            <numerusform>%1: %n contact</numerusform>
            <numerusform>%1: %n contacts</numerusform>
        </translation>
    </message>
    <message>
        <source>All contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SmtpReplyParser</name>
    <message>
        <source>The server sent a reply line longer than %1 bytes: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server sent a line that is not an SMTP reply: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server changed the reply code within one reply: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server sent a reply of more than %1 lines: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SmtpSession</name>
    <message>
        <source>the connection was closed (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no connection within %1 seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server does not offer STARTTLS, and this account requires it; nothing was sent without encryption</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server&apos;s certificate was not accepted (%1). Its SHA-256 fingerprint is %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; the certificate trusted for this account is %1, a different one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the TLS handshake did not finish in time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the TLS handshake failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the connection is not encrypted, and this account does not allow sending its credentials in the clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server does not offer XOAUTH2 (it offers: %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server offers no password sign-in, AUTH PLAIN or LOGIN (it offers: %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the session is not open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>refusing an address with spaces, angle brackets or control characters: &lt;%1&gt; to &lt;%2&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;%1&gt; to &lt;%2&gt;: an address with non-ASCII characters needs SMTPUTF8, which the server does not offer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the message has 8-bit content and the server does not offer 8BITMIME</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the message is %1 bytes; the server accepts at most %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped before the end of the message; it was not sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>encrypted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not encrypted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no sign-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>signed in as %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1:%2: connected (%3), %4; the server is ready to take mail.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped: Mailroom is closing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no answer within %1 seconds</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SqlError</name>
    <message>
        <source>The workspace is busy in another program; could not %1. Try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The workspace is read-only; could not %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The workspace file is damaged; could not %1 (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The disk is full; could not %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read the workspace schema</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>upgrade the workspace schema</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>record the schema version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>begin a transaction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>commit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>switch the workspace to write-ahead logging</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>prepare a bulk edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read a bulk edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read the custom fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>check for duplicates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>look up a tag or list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>create a tag or list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>save a contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>save a custom field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>update the search index</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>add the contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>save the contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>look up a contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read contact details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>count contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>count contacts by status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>index the contact list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read the selected contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>change tags or lists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>change statuses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>restore statuses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>delete contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>restore contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>look up a custom field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>create a custom field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>delete a custom field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>prepare the demo data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>write the demo contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read the tags and lists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>create the demo custom fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>check the demo addresses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read the workspace indexes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>prepare the workspace for the demo contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read the workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rebuild the workspace indexes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>index the demo contacts for search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>delete a tag or list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>save a contact&apos;s tags and lists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>prepare the import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read the vault&apos;s settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>save the vault&apos;s settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>save a secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read a secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>delete a secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read the campaign&apos;s audience</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read the campaigns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read the campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>save the campaign&apos;s audience</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>save the campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>delete the campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read the campaign&apos;s attachments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>save the attachment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>delete the attachment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read the DKIM keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>save the DKIM key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>delete the DKIM key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read the sender settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>save the sender settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>count the audience</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>list the audience</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>look up a segment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read the segments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>save a segment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>delete a segment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>add to the suppression list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read the suppression list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>remove from the suppression list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>count the suppression list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read the sender accounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>save the sender account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>delete the account&apos;s password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read the outbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>delete the sender account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read the campaign&apos;s accounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>save the campaign&apos;s accounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>record delivery in the outbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>change the campaign&apos;s status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read the campaigns due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read the account&apos;s messages of the last 24 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>write the outbox log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>queue the campaign&apos;s recipients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>claim recipients from the outbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>count a message against the account&apos;s daily limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>record a message&apos;s outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>put claimed recipients back in the queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>check recipients before sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>skip a recipient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>recover the outbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>count the outbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read the outbox log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>queue recipients again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancel the campaign&apos;s remaining recipients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read the account&apos;s quota</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read the campaign&apos;s sender accounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>count the account&apos;s messages of the last 24 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>count the account&apos;s claimed messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>update the account&apos;s rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rest the sender account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>forget old sends</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StarterTemplates</name>
    <message>
        <source>Newsletter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Announcement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plain letter</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SuppressionDialog</name>
    <message>
        <source>Suppression List</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suppressed addresses and domains</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Email or domain:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>jane@example.com or example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rea&amp;son:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional, kept with what you add or import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove Selected…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add &amp;nothing if a line cannot be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import a file with one email address or domain per line, or a CSV file with an email column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lines that could not be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 and %2 are never mailed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln email address(es)</source>
        <translation>
            <numerusform>%Ln email address</numerusform>
            <numerusform>%Ln email addresses</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln domain(s)</source>
        <translation>
            <numerusform>%Ln domain</numerusform>
            <numerusform>%Ln domains</numerusform>
        </translation>
    </message>
    <message>
        <source>Nobody at %1 will be mailed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 will not be mailed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take %1 off the suppression list? Campaigns can then mail it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Take %Ln entries off the suppression list? Campaigns can then mail them again.</source>
        <translation>
            <numerusform>Take %Ln entry off the suppression list? Campaigns can then mail it again.</numerusform>
            <numerusform>Take %Ln entries off the suppression list? Campaigns can then mail them again.</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove from the Suppression List</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Removed %Ln entries.</source>
        <translation>
            <numerusform>Removed %Ln entry.</numerusform>
            <numerusform>Removed %Ln entries.</numerusform>
        </translation>
    </message>
    <message>
        <source>Import Suppressions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text and CSV files (*.txt *.csv);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Nothing from %1 was added: %Ln line(s) could not be read.</source>
        <translation>
            <numerusform>Nothing from %1 was added: %Ln line could not be read.</numerusform>
            <numerusform>Nothing from %1 was added: %Ln lines could not be read.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>From %1: %Ln added</source>
        <translation>
            <numerusform>From %1: %Ln added</numerusform>
            <numerusform>From %1: %Ln added</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %Ln already on the list</source>
        <translation>
            <numerusform>, %Ln already on the list</numerusform>
            <numerusform>, %Ln already on the list</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %Ln line(s) could not be read</source>
        <translation>
            <numerusform>, %Ln line could not be read</numerusform>
            <numerusform>, %Ln lines could not be read</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %Ln more.</source>
        <translation>
            <numerusform>… and %Ln more.</numerusform>
            <numerusform>… and %Ln more.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SuppressionList</name>
    <message>
        <source>An email address or a domain is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is neither an email address nor a domain name (like example.com).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The suppression list has no entry %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not on the suppression list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line %L1: no email address or domain in column %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line %L1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SuppressionTableModel</name>
    <message>
        <source>Domain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every address at %1 and its subdomains</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email address or domain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TextDecoder</name>
    <message>
        <source>Unknown text encoding &quot;%1&quot;. Try UTF-8 or windows-1252.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VCardReader</name>
    <message>
        <source>Line %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown character set &quot;%1&quot;, read as UTF-8</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not valid UTF-8 and no CHARSET given, read as Windows-1252</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown vCard version &quot;%1&quot;, read anyway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is outside any vCard and was skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a new vCard begins before the one from line %1 ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a vCard property</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is too long and was cut</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The vCard starting on line %1 has no END:VCARD</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VCardWriter</name>
    <message>
        <source>Cannot write the file: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Vault</name>
    <message>
        <source>The vault&apos;s setting &apos;%1&apos; in this workspace is damaged; the vault cannot be opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This workspace has no vault yet; set a passphrase first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This workspace&apos;s vault was made by a newer Mailroom (format &apos;%1&apos;); update Mailroom to open it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The passphrase is empty; choose one that is long and hard to guess.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The kind of secret &apos;%1&apos; is empty or holds a NUL character.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name of a secret of kind &apos;%1&apos; is empty or holds a NUL character.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The secret &apos;%1&apos; (%2) is in a format this Mailroom does not know: it is damaged or from a newer Mailroom.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The secret &apos;%1&apos; (%2) has been tampered with or copied from another row; it does not decrypt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>decrypt a secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>create the vault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This workspace already has a vault; open it with its passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The passphrase does not open this workspace&apos;s vault.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>open the vault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer&apos;s keychain does not remember this workspace&apos;s vault; enter its passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key this computer&apos;s keychain holds for this workspace does not open its vault (it was replaced); enter its passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection is to another workspace than this vault&apos;s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>encrypt a secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no secret &apos;%1&apos; (%2) in this workspace.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no secret with id %1 in this workspace.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The secret &apos;%1&apos; (%2) is still in use (a DKIM key refers to it); remove that first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The current passphrase is not right; the passphrase was not changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>change the passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The AES-256/GCM self-test gave a wrong answer; the crypto library is broken and no secret is safe.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Argon2id self-test gave a wrong answer; the crypto library is broken and no secret is safe.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>run the crypto self-test</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VaultSession</name>
    <message>
        <source>Opening the vault…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlock the Vault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The passphrase of this workspace&apos;s vault (it keeps your DKIM keys and passwords):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create the Vault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a passphrase for this workspace&apos;s vault. It encrypts your DKIM keys and passwords; without it they cannot be read, so keep it safe:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The passphrase cannot be empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the passphrase again:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two passphrases differ; please try again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Workspace</name>
    <message>
        <source>Cannot read the workspace %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is an empty file, not a Mailroom workspace.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a Mailroom workspace (it is not a database file, or it is damaged).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The workspace %1 is open in another Mailroom (process %2 on %3). Close it there first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot lock the workspace %1: its folder is not writable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 already exists; Mailroom will not overwrite it. Open it instead, or choose another name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no workspace at %1. Create one with &quot;mailroom-cli init&quot; or File &gt; New Workspace.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a folder, not a Mailroom workspace file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The workspace %1 is read-only. Mailroom needs to write to the file and its folder; check their permissions or copy the workspace somewhere writable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 already exists; Mailroom will not overwrite it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is an empty database, not a Mailroom workspace.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The workspace %1 was made by a newer Mailroom (schema %2; this version reads up to %3). Update Mailroom to open it; this file was not changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The workspace %1 was made by an older Mailroom and must be upgraded first: open it in Mailroom, or run a command that changes it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Mailroom: contacts and email campaigns.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the workspace at PATH (default: the last one used, else the demo).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PATH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mailroom</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
