<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Account</name>
    <message>
        <source>“%1” signs in as %2: its provider shows that address as the sender, not %3, unless %3 is an address the account may send as (in Gmail: Settings &gt; Accounts &gt; Send mail as).</source>
        <translation>„%1“ meldet sich als %2 an: Der Anbieter zeigt diese Adresse als Absender, nicht %3, es sei denn, %3 ist eine Adresse, mit der das Konto senden darf (in Gmail: Einstellungen &gt; Konten &gt; Senden als).</translation>
    </message>
</context>
<context>
    <name>AccountEditor</name>
    <message>
        <source>Sender Account</source>
        <translation>Absenderkonto</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>Newsletter (Gmail)</source>
        <translation>Newsletter (Gmail)</translation>
    </message>
    <message>
        <source>&amp;Provider:</source>
        <translation>&amp;Anbieter:</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <source>smtp.example.com</source>
        <translation>smtp.example.com</translation>
    </message>
    <message>
        <source>P&amp;ort:</source>
        <translation>P&amp;ort:</translation>
    </message>
    <message>
        <source>Se&amp;curity:</source>
        <translation>&amp;Verschlüsselung:</translation>
    </message>
    <message>
        <source>Sign &amp;in with:</source>
        <translation>Anmel&amp;den mit:</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;Benutzer:</translation>
    </message>
    <message>
        <source>you@example.com</source>
        <translation>sie@example.com</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>Pass&amp;wort:</translation>
    </message>
    <message>
        <source>Allow signing in without TLS (only for a relay you trust)</source>
        <translation>Anmelden ohne TLS erlauben (nur für ein Relay, dem Sie vertrauen)</translation>
    </message>
    <message>
        <source>From na&amp;me:</source>
        <translation>Abs&amp;endername:</translation>
    </message>
    <message>
        <source>Blue Door Bakery</source>
        <translation>Bäckerei Blaue Tür</translation>
    </message>
    <message>
        <source>Default: the user, when it is an address</source>
        <translation>Vorgabe: der Benutzer, wenn er eine Adresse ist</translation>
    </message>
    <message>
        <source>Messages per &amp;day:</source>
        <translation>Nachrichten pro Ta&amp;g:</translation>
    </message>
    <message>
        <source>At most this many messages in any 24 hours (a rolling window)</source>
        <translation>Höchstens so viele Nachrichten in beliebigen 24 Stunden (ein gleitendes Fenster)</translation>
    </message>
    <message>
        <source>How many connections to the server at once (1 to 32)</source>
        <translation>Wie viele Verbindungen zum Server gleichzeitig (1 bis 32)</translation>
    </message>
    <message>
        <source>&amp;Trust certificate:</source>
        <translation>&amp;Zertifikat vertrauen:</translation>
    </message>
    <message>
        <source>Only for a self-hosted server whose certificate does not verify: the SHA-256 fingerprint of the one certificate to accept</source>
        <translation>Nur für einen selbst betriebenen Server, dessen Zertifikat sich nicht prüfen lässt: der SHA-256-Fingerabdruck des einen Zertifikats, das akzeptiert wird</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint (64 hex digits, colons optional)</source>
        <translation>SHA-256-Fingerabdruck (64 Hex-Ziffern, Doppelpunkte optional)</translation>
    </message>
    <message>
        <source>D&amp;KIM key:</source>
        <translation>D&amp;KIM-Schlüssel:</translation>
    </message>
    <message>
        <source>New Sender Account</source>
        <translation>Neues Absenderkonto</translation>
    </message>
    <message>
        <source>Sender Account “%1”</source>
        <translation>Absenderkonto „%1“</translation>
    </message>
    <message>
        <source>STARTTLS (port 587)</source>
        <translation>STARTTLS (Port 587)</translation>
    </message>
    <message>
        <source>TLS (port 465)</source>
        <translation>TLS (Port 465)</translation>
    </message>
    <message>
        <source>None (a local relay)</source>
        <translation>Keine (ein lokales Relay)</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>OAuth token (XOAUTH2)</source>
        <translation>OAuth-Token (XOAUTH2)</translation>
    </message>
    <message>
        <source>Nothing (the server trusts this computer)</source>
        <translation>Nichts (der Server vertraut diesem Computer)</translation>
    </message>
    <message>
        <source>Leave empty to keep the stored password</source>
        <translation>Leer lassen, um das gespeicherte Passwort zu behalten</translation>
    </message>
    <message>
        <source>None (sign with the key of the From domain, if any)</source>
        <translation>Keiner (mit dem Schlüssel der Absenderdomain signieren, falls vorhanden)</translation>
    </message>
    <message>
        <source>The account was not saved: its password goes into the vault, which stayed locked.</source>
        <translation>Das Konto wurde nicht gespeichert: Sein Passwort kommt in den Tresor, und der blieb gesperrt.</translation>
    </message>
    <message>
        <source>From &amp;address:</source>
        <translation>Absende&amp;radresse:</translation>
    </message>
    <message>
        <source>Messages pe&amp;r minute:</source>
        <translation>Nachrichten pro &amp;Minute:</translation>
    </message>
    <message>
        <source>Conn&amp;ections:</source>
        <translation>Verb&amp;indungen:</translation>
    </message>
    <message>
        <source>OAut&amp;h token:</source>
        <translation>OAuth-&amp;Token:</translation>
    </message>
</context>
<context>
    <name>AccountPresets</name>
    <message>
        <source>Gmail</source>
        <translation>Gmail</translation>
    </message>
    <message>
        <source>Gmail sends at most 500 messages in any 24 hours (a rolling window, not a calendar day). Your normal Google password does not work here: turn on 2-Step Verification in your Google Account, then make an app password (Security &gt; App passwords) and enter those 16 letters as the password. The user is your full Gmail address.</source>
        <translation>Gmail sendet höchstens 500 Nachrichten in beliebigen 24 Stunden (ein gleitendes Fenster, kein Kalendertag). Ihr normales Google-Passwort funktioniert hier nicht: Schalten Sie in Ihrem Google-Konto die Bestätigung in zwei Schritten ein, erstellen Sie dann ein App-Passwort (Sicherheit &gt; App-Passwörter) und geben Sie diese 16 Buchstaben als Passwort ein. Der Benutzer ist Ihre vollständige Gmail-Adresse.</translation>
    </message>
    <message>
        <source>Google Workspace</source>
        <translation>Google Workspace</translation>
    </message>
    <message>
        <source>Google Workspace sends at most 2,000 messages a day per user (500 while the account is in its trial: lower the daily limit until you have paid). Use an app password (2-Step Verification must be on, and your administrator must allow it) and your full work address as the user.</source>
        <translation>Google Workspace sendet höchstens 2.000 Nachrichten am Tag pro Benutzer (500, solange das Konto in der Testphase ist: Setzen Sie das Tageslimit herab, bis Sie bezahlt haben). Verwenden Sie ein App-Passwort (die Bestätigung in zwei Schritten muss eingeschaltet sein, und Ihr Administrator muss es erlauben) und Ihre vollständige geschäftliche Adresse als Benutzer.</translation>
    </message>
    <message>
        <source>Outlook / Microsoft 365</source>
        <translation>Outlook / Microsoft 365</translation>
    </message>
    <message>
        <source>Microsoft 365 lets one mailbox send to 10,000 recipients a day, 30 messages a minute, over at most 3 connections at once. Your administrator must allow SMTP AUTH for the mailbox; with multi-factor sign-in use an app password. The user is your full address. Outlook.com personal accounts have much lower, unpublished limits: start at 300 a day.</source>
        <translation>Microsoft 365 lässt ein Postfach an 10.000 Empfänger am Tag senden, 30 Nachrichten pro Minute, über höchstens 3 Verbindungen gleichzeitig. Ihr Administrator muss SMTP AUTH für das Postfach erlauben; mit mehrstufiger Anmeldung verwenden Sie ein App-Passwort. Der Benutzer ist Ihre vollständige Adresse. Private Outlook.com-Konten haben viel niedrigere, unveröffentlichte Grenzen: Beginnen Sie mit 300 am Tag.</translation>
    </message>
    <message>
        <source>Amazon SES</source>
        <translation>Amazon SES</translation>
    </message>
    <message>
        <source>The host names your region: email-smtp.REGION.amazonaws.com (change us-east-1 to yours). The user and password are SMTP credentials made in the SES console, not your AWS keys. A new account is in the sandbox: 200 messages a day at 1 a second, to verified addresses only. Once out of it, set the daily limit and rate to the quota the console shows.</source>
        <translation>Der Servername enthält Ihre Region: email-smtp.REGION.amazonaws.com (ersetzen Sie us-east-1 durch Ihre). Benutzer und Passwort sind SMTP-Zugangsdaten aus der SES-Konsole, nicht Ihre AWS-Schlüssel. Ein neues Konto ist in der Sandbox: 200 Nachrichten am Tag, eine pro Sekunde, nur an bestätigte Adressen. Danach setzen Sie Tageslimit und Rate auf das Kontingent, das die Konsole zeigt.</translation>
    </message>
    <message>
        <source>Other SMTP server</source>
        <translation>Anderer SMTP-Server</translation>
    </message>
    <message>
        <source>Enter your provider&apos;s SMTP host; port 587 with STARTTLS is the usual submission port, 465 with TLS the other. Ask the provider for its daily cap and rate and set them here: Mailroom never sends more than you allow. For a self-hosted server whose certificate does not verify, trust its SHA-256 fingerprint instead of turning verification off.</source>
        <translation>Geben Sie den SMTP-Server Ihres Anbieters ein; Port 587 mit STARTTLS ist der übliche Einlieferungsport, 465 mit TLS der andere. Fragen Sie den Anbieter nach Tageslimit und Rate und tragen Sie sie hier ein: Mailroom sendet nie mehr, als Sie erlauben. Bei einem selbst betriebenen Server, dessen Zertifikat sich nicht prüfen lässt, vertrauen Sie seinem SHA-256-Fingerabdruck, statt die Prüfung abzuschalten.</translation>
    </message>
</context>
<context>
    <name>AccountRepository</name>
    <message>
        <source>There is no sender account %1.</source>
        <translation>Es gibt kein Absenderkonto %1.</translation>
    </message>
    <message>
        <source>There is no sender account named &quot;%1&quot;.</source>
        <translation>Es gibt kein Absenderkonto namens „%1“.</translation>
    </message>
    <message>
        <source>The certificate fingerprint &quot;%1&quot; contains &quot;%2&quot;, which is not a hex digit: give the SHA-256 fingerprint as 64 hex digits, colons optional.</source>
        <translation>Der Zertifikats-Fingerabdruck „%1“ enthält „%2“, das keine Hex-Ziffer ist: Geben Sie den SHA-256-Fingerabdruck als 64 Hex-Ziffern an, Doppelpunkte optional.</translation>
    </message>
    <message>
        <source>The certificate fingerprint &quot;%1&quot; has %2 hex digits; a SHA-256 fingerprint has 64 (colons optional).</source>
        <translation>Der Zertifikats-Fingerabdruck „%1“ hat %2 Hex-Ziffern; ein SHA-256-Fingerabdruck hat 64 (Doppelpunkte optional).</translation>
    </message>
    <message>
        <source>The account needs a name.</source>
        <translation>Das Konto braucht einen Namen.</translation>
    </message>
    <message>
        <source>The account name &quot;%1&quot; contains a control character.</source>
        <translation>Der Kontoname „%1“ enthält ein Steuerzeichen.</translation>
    </message>
    <message>
        <source>The port %1 is not between 1 and 65535 (587 for STARTTLS, 465 for TLS).</source>
        <translation>Der Port %1 liegt nicht zwischen 1 und 65535 (587 für STARTTLS, 465 für TLS).</translation>
    </message>
    <message>
        <source>The user &quot;%1&quot; contains a control character.</source>
        <translation>Der Benutzer „%1“ enthält ein Steuerzeichen.</translation>
    </message>
    <message>
        <source>The account signs in to its server, so it needs a user (usually your full address).</source>
        <translation>Das Konto meldet sich bei seinem Server an und braucht daher einen Benutzer (meist Ihre vollständige Adresse).</translation>
    </message>
    <message>
        <source>The account signs in with an OAuth token: enter the token.</source>
        <translation>Das Konto meldet sich mit einem OAuth-Token an: Geben Sie das Token ein.</translation>
    </message>
    <message>
        <source>The account signs in with a password: enter the password.</source>
        <translation>Das Konto meldet sich mit einem Passwort an: Geben Sie das Passwort ein.</translation>
    </message>
    <message>
        <source>The security is &quot;none&quot;, so the password would cross the network unencrypted: choose STARTTLS or TLS, or explicitly allow authentication without TLS for this account.</source>
        <translation>Die Verschlüsselung ist „keine“, das Passwort ginge also unverschlüsselt durchs Netz: Wählen Sie STARTTLS oder TLS, oder erlauben Sie für dieses Konto ausdrücklich die Anmeldung ohne TLS.</translation>
    </message>
    <message>
        <source>The account needs a from address: the address its messages come from.</source>
        <translation>Das Konto braucht eine Absenderadresse: die Adresse, von der seine Nachrichten kommen.</translation>
    </message>
    <message>
        <source>The from address &quot;%1&quot; is not an email address: %2</source>
        <translation>Die Absenderadresse „%1“ ist keine E-Mail-Adresse: %2</translation>
    </message>
    <message>
        <source>The from name &quot;%1&quot; contains a control character.</source>
        <translation>Der Absendername „%1“ enthält ein Steuerzeichen.</translation>
    </message>
    <message>
        <source>The daily limit must be at least 1 message, not %1.</source>
        <translation>Das Tageslimit muss mindestens 1 Nachricht sein, nicht %1.</translation>
    </message>
    <message>
        <source>The rate must be at least 1 message a minute, not %1.</source>
        <translation>Die Rate muss mindestens 1 Nachricht pro Minute sein, nicht %1.</translation>
    </message>
    <message>
        <source>The connections must be between 1 and 32, not %1.</source>
        <translation>Die Verbindungen müssen zwischen 1 und 32 liegen, nicht bei %1.</translation>
    </message>
    <message>
        <source>The trusted certificate fingerprint must be a SHA-256 fingerprint (32 bytes).</source>
        <translation>Der Fingerabdruck des vertrauten Zertifikats muss ein SHA-256-Fingerabdruck sein (32 Bytes).</translation>
    </message>
    <message>
        <source>There is already a sender account named &quot;%1&quot;; choose another name.</source>
        <translation>Es gibt schon ein Absenderkonto namens „%1“; wählen Sie einen anderen Namen.</translation>
    </message>
    <message>
        <source>The DKIM key %1 does not exist (any more).</source>
        <translation>Den DKIM-Schlüssel %1 gibt es nicht (mehr).</translation>
    </message>
    <message>
        <source>The account&apos;s password goes into the vault, which is locked.</source>
        <translation>Das Passwort des Kontos kommt in den Tresor, und der ist gesperrt.</translation>
    </message>
    <message>
        <source>The account &quot;%1&quot; cannot be deleted while campaign %2 &quot;%3&quot;, which may send from it, still has messages to send: let it finish, or cancel it first.</source>
        <translation>Das Konto „%1“ kann nicht gelöscht werden, solange Kampagne %2 „%3“, die darüber senden darf, noch Nachrichten zu senden hat: Lassen Sie sie zu Ende laufen oder brechen Sie sie zuerst ab.</translation>
    </message>
    <message>
        <source>The account &quot;%1&quot; has no password stored: edit it and enter one.</source>
        <translation>Für das Konto „%1“ ist kein Passwort gespeichert: Bearbeiten Sie es und geben Sie eines ein.</translation>
    </message>
    <message>
        <source>There is no campaign %1.</source>
        <translation>Es gibt keine Kampagne %1.</translation>
    </message>
    <message>
        <source>The host is empty: enter the SMTP server&apos;s name, such as smtp.example.com.</source>
        <translation>Der Server ist leer: Geben Sie den Namen des SMTP-Servers ein, etwa smtp.example.com.</translation>
    </message>
    <message>
        <source>The host &quot;%1&quot; contains a space or a control character: enter only the server&apos;s name, such as smtp.example.com.</source>
        <translation>Der Server „%1“ enthält ein Leerzeichen oder ein Steuerzeichen: Geben Sie nur den Namen des Servers ein, etwa smtp.example.com.</translation>
    </message>
    <message>
        <source>The host &quot;%1&quot; is not a server name such as smtp.example.com.</source>
        <translation>„%1“ ist kein Servername wie smtp.example.com.</translation>
    </message>
</context>
<context>
    <name>AccountsDialog</name>
    <message>
        <source>Sender Accounts</source>
        <translation>Absenderkonten</translation>
    </message>
    <message>
        <source>Campaigns are delivered through these accounts, each within its own daily limit and rate. Passwords are kept in the workspace&apos;s vault.</source>
        <translation>Kampagnen werden über diese Konten zugestellt, jedes innerhalb seines eigenen Tageslimits und seiner Rate. Passwörter liegen im Tresor des Arbeitsbereichs.</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Hinzufügen…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten…</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>&amp;Test</source>
        <translation>&amp;Testen</translation>
    </message>
    <message>
        <source>Connect to the server, sign in and show exactly what happened; nothing is sent</source>
        <translation>Mit dem Server verbinden, anmelden und genau zeigen, was geschah; es wird nichts gesendet</translation>
    </message>
    <message>
        <source>No sender accounts yet: press Add… and choose your provider.</source>
        <translation>Noch keine Absenderkonten: Klicken Sie auf Hinzufügen… und wählen Sie Ihren Anbieter.</translation>
    </message>
    <message>
        <source>&amp;Cancel Test</source>
        <translation>Test &amp;abbrechen</translation>
    </message>
    <message>
        <source>What the server said during the last test appears here.</source>
        <translation>Was der Server beim letzten Test gesagt hat, erscheint hier.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Limits</source>
        <translation>Grenzen</translation>
    </message>
    <message>
        <source>(no sign-in)</source>
        <translation>(keine Anmeldung)</translation>
    </message>
    <message numerus="yes">
        <source>%1 a day, %2 a minute, %n connection(s)</source>
        <translation>
            <numerusform>%1 am Tag, %2 pro Minute, %n Verbindung</numerusform>
            <numerusform>%1 am Tag, %2 pro Minute, %n Verbindungen</numerusform>
        </translation>
    </message>
    <message>
        <source>Added %1. Press Test to check that it can sign in.</source>
        <translation>%1 hinzugefügt. Klicken Sie auf Testen, um zu prüfen, ob die Anmeldung klappt.</translation>
    </message>
    <message>
        <source>Delete Sender Account</source>
        <translation>Absenderkonto löschen</translation>
    </message>
    <message>
        <source>Deleted %1.</source>
        <translation>%1 gelöscht.</translation>
    </message>
    <message>
        <source>Not tested: the account&apos;s password is in the vault, which stayed locked.</source>
        <translation>Nicht getestet: Das Passwort des Kontos liegt im Tresor, und der blieb gesperrt.</translation>
    </message>
    <message>
        <source>Testing %1: connecting to %2:%3…</source>
        <translation>%1 wird getestet: Verbindung zu %2:%3…</translation>
    </message>
    <message>
        <source>Test cancelled.</source>
        <translation>Test abgebrochen.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>Trust Certificate</source>
        <translation>Zertifikat vertrauen</translation>
    </message>
    <message>
        <source>The certificate of %1 did not verify. If it is your own server&apos;s certificate, Mailroom can trust exactly this one for the account %2 (SHA-256 %3). Trust it?</source>
        <translation>Das Zertifikat von %1 ließ sich nicht prüfen. Wenn es das Zertifikat Ihres eigenen Servers ist, kann Mailroom genau diesem für das Konto %2 vertrauen (SHA-256 %3). Vertrauen?</translation>
    </message>
    <message>
        <source>%1 now trusts the certificate %2. Test again.</source>
        <translation>%1 vertraut jetzt dem Zertifikat %2. Testen Sie erneut.</translation>
    </message>
    <message>
        <source>Delete the account %1? Its stored password is deleted too. A campaign that listed only this account will send from every account.</source>
        <translation>Das Konto %1 löschen? Sein gespeichertes Passwort wird mitgelöscht. Eine Kampagne, die nur dieses Konto vorsah, sendet dann über alle Konten.</translation>
    </message>
    <message>
        <source>Delete Account</source>
        <translation>Konto löschen</translation>
    </message>
</context>
<context>
    <name>AddContactCommand</name>
    <message>
        <source>Add %1</source>
        <translation>%1 hinzufügen</translation>
    </message>
</context>
<context>
    <name>AudienceQuery</name>
    <message>
        <source>There is no list with id %1; was it deleted?</source>
        <translation>Es gibt keine Liste mit der ID %1. Wurde sie gelöscht?</translation>
    </message>
    <message>
        <source>There is no tag with id %1; was it deleted?</source>
        <translation>Es gibt keinen Tag mit der ID %1. Wurde er gelöscht?</translation>
    </message>
    <message>
        <source>The segment &quot;%1&quot;: %2</source>
        <translation>Das Segment „%1“: %2</translation>
    </message>
    <message>
        <source>A segment condition names a field this workspace does not have.</source>
        <translation>Eine Bedingung des Segments nennt ein Feld, das es in diesem Arbeitsbereich nicht gibt.</translation>
    </message>
    <message>
        <source>Counting the audience was cancelled.</source>
        <translation>Das Zählen der Empfänger wurde abgebrochen.</translation>
    </message>
</context>
<context>
    <name>BulkJobRunner</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Mailroom</source>
        <translation>Mailroom</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
</context>
<context>
    <name>CampaignDelivery</name>
    <message>
        <source>The campaign &quot;%1&quot; cannot be sent: %2</source>
        <translation>Die Kampagne „%1“ kann nicht gesendet werden: %2</translation>
    </message>
    <message>
        <source>The campaign &quot;%1&quot; is %2; it cannot be started.</source>
        <translation>Die Kampagne „%1“ ist %2; sie kann nicht gestartet werden.</translation>
    </message>
    <message>
        <source>The campaign &quot;%1&quot; is %2; it cannot be scheduled.</source>
        <translation>Die Kampagne „%1“ ist %2; sie kann nicht geplant werden.</translation>
    </message>
    <message>
        <source>The campaign &quot;%1&quot; is %2, not sending.</source>
        <translation>Die Kampagne „%1“ ist %2 und wird gerade nicht gesendet.</translation>
    </message>
    <message>
        <source>The campaign &quot;%1&quot; is %2, not paused.</source>
        <translation>Die Kampagne „%1“ ist %2, nicht angehalten.</translation>
    </message>
    <message>
        <source>The campaign &quot;%1&quot; is %2; there is nothing to cancel.</source>
        <translation>Die Kampagne „%1“ ist %2; es gibt nichts abzubrechen.</translation>
    </message>
    <message>
        <source>The campaign &quot;%1&quot; is %2; its recipients cannot be sent again.</source>
        <translation>Die Kampagne „%1“ ist %2; an ihre Empfänger kann nicht erneut gesendet werden.</translation>
    </message>
    <message>
        <source>a draft</source>
        <translation>ein Entwurf</translation>
    </message>
    <message>
        <source>sent to a folder</source>
        <translation>in einen Ordner geschrieben</translation>
    </message>
    <message>
        <source>scheduled</source>
        <translation>geplant</translation>
    </message>
    <message>
        <source>sending</source>
        <translation>im Versand</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>angehalten</translation>
    </message>
    <message>
        <source>done</source>
        <translation>fertig</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
</context>
<context>
    <name>CampaignEditor</name>
    <message>
        <source>Unlock the vault to preview: the preview carries each recipient&apos;s unsubscribe link.</source>
        <translation>Entsperren Sie den Tresor für die Vorschau: Sie enthält den Abmeldelink jedes Empfängers.</translation>
    </message>
    <message>
        <source>The vault was locked. Unlock it to preview.</source>
        <translation>Der Tresor wurde gesperrt. Entsperren Sie ihn für die Vorschau.</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>Send to &amp;Folder…</source>
        <translation>In &amp;Ordner senden …</translation>
    </message>
    <message>
        <source>Write every recipient&apos;s message as an .eml file into a folder</source>
        <translation>Die Nachricht jedes Empfängers als .eml-Datei in einen Ordner schreiben</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>S&amp;chließen</translation>
    </message>
    <message>
        <source>&amp;Previous Recipient</source>
        <translation>&amp;Vorheriger Empfänger</translation>
    </message>
    <message>
        <source>&amp;Next Recipient</source>
        <translation>&amp;Nächster Empfänger</translation>
    </message>
    <message>
        <source>Show the &amp;Text Part</source>
        <translation>&amp;Textteil zeigen</translation>
    </message>
    <message>
        <source>&amp;Generate Text from HTML</source>
        <translation>Text aus HTML &amp;erzeugen</translation>
    </message>
    <message>
        <source>Add &amp;Attachment…</source>
        <translation>&amp;Anhang hinzufügen …</translation>
    </message>
    <message>
        <source>Add &amp;Inline Image…</source>
        <translation>&amp;Eingebettetes Bild hinzufügen …</translation>
    </message>
    <message>
        <source>&amp;Remove Attachment</source>
        <translation>Anhang &amp;entfernen</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Subject:</source>
        <translation>&amp;Betreff:</translation>
    </message>
    <message>
        <source>Pre&amp;header:</source>
        <translation>&amp;Vorschautext:</translation>
    </message>
    <message>
        <source>From na&amp;me:</source>
        <translation>Absender&amp;name:</translation>
    </message>
    <message>
        <source>From &amp;address:</source>
        <translation>Absender&amp;adresse:</translation>
    </message>
    <message>
        <source>Re&amp;ply-To:</source>
        <translation>Ant&amp;worten an:</translation>
    </message>
    <message>
        <source>News for {{ first_name | default: &quot;you&quot; }}</source>
        <translation>Neues für {{ first_name | default: &quot;Sie&quot; }}</translation>
    </message>
    <message>
        <source>The line inboxes show after the subject</source>
        <translation>Die Zeile, die Posteingänge nach dem Betreff zeigen</translation>
    </message>
    <message>
        <source>news@example.com</source>
        <translation>news@example.com</translation>
    </message>
    <message>
        <source>Empty: replies go to the From address</source>
        <translation>Leer: Antworten gehen an die Absenderadresse</translation>
    </message>
    <message>
        <source>Audience</source>
        <translation>Empfänger</translation>
    </message>
    <message>
        <source>&amp;Lists:</source>
        <translation>&amp;Listen:</translation>
    </message>
    <message>
        <source>&amp;Tags:</source>
        <translation>&amp;Tags:</translation>
    </message>
    <message>
        <source>Narrowed by se&amp;gment:</source>
        <translation>Eingegrenzt durch &amp;Segment:</translation>
    </message>
    <message>
        <source>No list or tag ticked: every contact.</source>
        <translation>Keine Liste und kein Tag angehakt: alle Kontakte.</translation>
    </message>
    <message>
        <source>&amp;HTML</source>
        <translation>&amp;HTML</translation>
    </message>
    <message>
        <source>Leave empty to send the text generated from the HTML (shown greyed).</source>
        <translation>Leer lassen, um den aus dem HTML erzeugten Text zu senden (grau angezeigt).</translation>
    </message>
    <message>
        <source>&amp;Generate from HTML</source>
        <translation>Aus HTML &amp;erzeugen</translation>
    </message>
    <message>
        <source>Te&amp;xt</source>
        <translation>Te&amp;xt</translation>
    </message>
    <message>
        <source>&amp;Footer</source>
        <translation>&amp;Fußzeile</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Content ID</source>
        <translation>Content-ID</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Add &amp;File…</source>
        <translation>&amp;Datei hinzufügen …</translation>
    </message>
    <message>
        <source>Add Inline &amp;Image…</source>
        <translation>Eingebettetes &amp;Bild hinzufügen …</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>Attach&amp;ments</source>
        <translation>&amp;Anhänge</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Vorschau</translation>
    </message>
    <message>
        <source>◀ Pre&amp;vious</source>
        <translation>◀ &amp;Vorheriger</translation>
    </message>
    <message>
        <source>Ne&amp;xt ▶</source>
        <translation>&amp;Nächster ▶</translation>
    </message>
    <message>
        <source>Preview as (email)</source>
        <translation>Vorschau als (E-Mail-Adresse)</translation>
    </message>
    <message>
        <source>Preview the message as this contact: pick one, or type an email and press Enter</source>
        <translation>Die Nachricht als dieser Kontakt ansehen: einen wählen oder eine E-Mail-Adresse eingeben und Eingabe drücken</translation>
    </message>
    <message>
        <source>&amp;Text Part</source>
        <translation>&amp;Textteil</translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation>Betreff:</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>Von:</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>An:</translation>
    </message>
    <message>
        <source>&amp;Unlock the Vault…</source>
        <translation>Tresor &amp;entsperren …</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>Prüfungen</translation>
    </message>
    <message>
        <source>Errors block sending; warnings do not. Click one to go to its line.</source>
        <translation>Fehler verhindern das Senden, Warnungen nicht. Klicken Sie auf einen Eintrag, um zu seiner Zeile zu gehen.</translation>
    </message>
    <message>
        <source>&amp;Campaign</source>
        <translation>&amp;Kampagne</translation>
    </message>
    <message>
        <source>&amp;Preview</source>
        <translation>&amp;Vorschau</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>Kampagne</translation>
    </message>
    <message>
        <source>%1 (%L2)</source>
        <translation>%1 (%L2)</translation>
    </message>
    <message>
        <source>None (the whole lists and tags)</source>
        <translation>Keines (die ganzen Listen und Tags)</translation>
    </message>
    <message>
        <source>Counting recipients…</source>
        <translation>Empfänger werden gezählt …</translation>
    </message>
    <message>
        <source>%1[*] — Campaign — Mailroom</source>
        <translation>%1[*] — Kampagne — Mailroom</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>Unbenannt</translation>
    </message>
    <message>
        <source>Cannot Save the Campaign</source>
        <translation>Kampagne kann nicht gespeichert werden</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Gespeichert.</translation>
    </message>
    <message>
        <source>Send to Folder</source>
        <translation>In Ordner senden</translation>
    </message>
    <message>
        <source>The messages are still being written. Stop and close?</source>
        <translation>Die Nachrichten werden noch geschrieben. Abbrechen und schließen?</translation>
    </message>
    <message>
        <source>Unsaved Changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <source>Save your changes to the campaign “%1”?</source>
        <translation>Ihre Änderungen an der Kampagne „%1“ speichern?</translation>
    </message>
    <message>
        <source>The checks run once the vault is unlocked.</source>
        <translation>Die Prüfungen laufen, sobald der Tresor entsperrt ist.</translation>
    </message>
    <message>
        <source>This message cannot be rendered:
%1</source>
        <translation>Diese Nachricht kann nicht erstellt werden:
%1</translation>
    </message>
    <message>
        <source>%1 (a stand-in: nobody is in the audience)</source>
        <translation>%1 (ein Platzhalter: niemand ist unter den Empfängern)</translation>
    </message>
    <message>
        <source>No problems found.</source>
        <translation>Keine Probleme gefunden.</translation>
    </message>
    <message>
        <source>line %1</source>
        <translation>Zeile %1</translation>
    </message>
    <message>
        <source>%1 (line %2)</source>
        <translation>%1 (Zeile %2)</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>Fehler: %1</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>Warnung: %1</translation>
    </message>
    <message>
        <source>Generate from HTML</source>
        <translation>Aus HTML erzeugen</translation>
    </message>
    <message>
        <source>Replace the text part with the one generated from the HTML?</source>
        <translation>Den Textteil durch den aus dem HTML erzeugten ersetzen?</translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipient(s); left out: %1 unsubscribed, %2 bounced, %3 complained, %4 suppressed</source>
        <translation>
            <numerusform>%Ln Empfänger; ausgelassen: %1 abgemeldet, %2 unzustellbar, %3 beschwert, %4 gesperrt</numerusform>
            <numerusform>%Ln Empfänger; ausgelassen: %1 abgemeldet, %2 unzustellbar, %3 beschwert, %4 gesperrt</numerusform>
        </translation>
    </message>
    <message>
        <source>%L1 of %L2</source>
        <translation>%L1 von %L2</translation>
    </message>
    <message>
        <source>not in the audience</source>
        <translation>nicht unter den Empfängern</translation>
    </message>
    <message>
        <source>no such contact</source>
        <translation>kein solcher Kontakt</translation>
    </message>
    <message>
        <source>Attachment</source>
        <translation>Anhang</translation>
    </message>
    <message>
        <source>Inline image</source>
        <translation>Eingebettetes Bild</translation>
    </message>
    <message>
        <source>Add Inline Image</source>
        <translation>Eingebettetes Bild hinzufügen</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.gif)</source>
        <translation>Bilder (*.png *.jpg *.jpeg *.gif)</translation>
    </message>
    <message>
        <source>Add Attachment</source>
        <translation>Anhang hinzufügen</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
    <message>
        <source>“%1” is %2; a campaign&apos;s files can be at most %3.</source>
        <translation>„%1“ ist %2 groß; die Dateien einer Kampagne dürfen höchstens %3 groß sein.</translation>
    </message>
    <message>
        <source>Content ID (the HTML shows the image with &lt;img src=&quot;cid:ID&quot;&gt;):</source>
        <translation>Content-ID (das HTML zeigt das Bild mit &lt;img src=&quot;cid:ID&quot;&gt;):</translation>
    </message>
    <message>
        <source>Cannot read “%1”: %2</source>
        <translation>„%1“ kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Remove Attachment</source>
        <translation>Anhang entfernen</translation>
    </message>
    <message>
        <source>Remove “%1” from the campaign?</source>
        <translation>„%1“ aus der Kampagne entfernen?</translation>
    </message>
    <message>
        <source>Unlock the vault to send: it holds the unsubscribe key and the DKIM keys messages are signed with.</source>
        <translation>Entsperren Sie den Tresor zum Senden: Er enthält den Abmeldeschlüssel und die DKIM-Schlüssel, mit denen Nachrichten signiert werden.</translation>
    </message>
    <message>
        <source>Fix these errors before sending:
%1</source>
        <translation>Beheben Sie vor dem Senden diese Fehler:
%1</translation>
    </message>
    <message>
        <source>Writing messages…</source>
        <translation>Nachrichten werden geschrieben …</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Writing messages… %L1 of %L2</source>
        <translation>Nachrichten werden geschrieben … %L1 von %L2</translation>
    </message>
    <message>
        <source>Cancelled: the files written so far stay in the folder.</source>
        <translation>Abgebrochen: Die bisher geschriebenen Dateien bleiben im Ordner.</translation>
    </message>
    <message numerus="yes">
        <source>Wrote %Ln message(s) to %1.</source>
        <translation>
            <numerusform>%Ln Nachricht nach %1 geschrieben.</numerusform>
            <numerusform>%Ln Nachrichten nach %1 geschrieben.</numerusform>
        </translation>
    </message>
    <message>
        <source>Left out: %1 unsubscribed, %2 bounced, %3 complained, %4 suppressed.</source>
        <translation>Ausgelassen: %1 abgemeldet, %2 unzustellbar, %3 beschwert, %4 gesperrt.</translation>
    </message>
    <message>
        <source>%1 (footer, line %2)</source>
        <translation>%1 (Fußzeile, Zeile %2)</translation>
    </message>
    <message>
        <source>&amp;Send…</source>
        <translation>&amp;Senden…</translation>
    </message>
    <message>
        <source>Send the campaign from your sender accounts, now or at a time you choose</source>
        <translation>Die Kampagne über Ihre Absenderkonten senden, jetzt oder zu einer gewählten Zeit</translation>
    </message>
    <message>
        <source>Paused: changes you save reach only the recipients not sent yet.</source>
        <translation>Angehalten: Gespeicherte Änderungen erreichen nur die Empfänger, an die noch nicht gesendet wurde.</translation>
    </message>
    <message>
        <source>Being sent: changes you save reach only the recipients not sent yet.</source>
        <translation>Wird gesendet: Gespeicherte Änderungen erreichen nur die Empfänger, an die noch nicht gesendet wurde.</translation>
    </message>
    <message>
        <source>Scheduled for %1.</source>
        <translation>Geplant für %1.</translation>
    </message>
</context>
<context>
    <name>CampaignListDialog</name>
    <message>
        <source>Campaigns</source>
        <translation>Kampagnen</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Betreff</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>Geändert</translation>
    </message>
    <message>
        <source>&amp;New…</source>
        <translation>&amp;Neu …</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>Ö&amp;ffnen</translation>
    </message>
    <message>
        <source>D&amp;uplicate</source>
        <translation>&amp;Duplizieren</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen …</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Entwurf</translation>
    </message>
    <message>
        <source>Sent to folder</source>
        <translation>In Ordner gesendet</translation>
    </message>
    <message>
        <source>Duplicate Campaign</source>
        <translation>Kampagne duplizieren</translation>
    </message>
    <message>
        <source>%1 (copy)</source>
        <translation>%1 (Kopie)</translation>
    </message>
    <message>
        <source>Delete Campaign</source>
        <translation>Kampagne löschen</translation>
    </message>
    <message>
        <source>Delete the campaign “%1” and its attachments? This cannot be undone.</source>
        <translation>Die Kampagne „%1“ und ihre Anhänge löschen? Das kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>Geplant</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Wird gesendet</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
</context>
<context>
    <name>CampaignNewDialog</name>
    <message>
        <source>New Campaign</source>
        <translation>Neue Kampagne</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>Spring newsletter</source>
        <translation>Frühlings-Newsletter</translation>
    </message>
    <message>
        <source>&amp;Start from:</source>
        <translation>&amp;Beginnen mit:</translation>
    </message>
    <message>
        <source>&amp;Create</source>
        <translation>&amp;Anlegen</translation>
    </message>
    <message>
        <source>Blank</source>
        <translation>Leer</translation>
    </message>
</context>
<context>
    <name>CampaignRenderer</name>
    <message>
        <source>Subject</source>
        <translation>Betreff</translation>
    </message>
    <message>
        <source>Preheader</source>
        <translation>Vorschautext</translation>
    </message>
    <message>
        <source>HTML</source>
        <translation>HTML</translation>
    </message>
    <message>
        <source>Footer</source>
        <translation>Fußzeile</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>HTML: an {% if %} block must open and close on the same side of &lt;body&gt; and &lt;/body&gt;.</source>
        <translation>HTML: Ein {% if %}-Block muss auf derselben Seite von &lt;body&gt; und &lt;/body&gt; beginnen und enden.</translation>
    </message>
    <message>
        <source>Subject: %1</source>
        <translation>Betreff: %1</translation>
    </message>
    <message>
        <source>Preheader: %1</source>
        <translation>Vorschautext: %1</translation>
    </message>
    <message>
        <source>HTML: %1</source>
        <translation>HTML: %1</translation>
    </message>
    <message>
        <source>Footer: %1</source>
        <translation>Fußzeile: %1</translation>
    </message>
    <message>
        <source>Text: %1</source>
        <translation>Text: %1</translation>
    </message>
</context>
<context>
    <name>CampaignRepository</name>
    <message>
        <source>A campaign needs a name.</source>
        <translation>Eine Kampagne braucht einen Namen.</translation>
    </message>
    <message>
        <source>The campaign name &quot;%1&quot; is longer than 200 characters.</source>
        <translation>Der Kampagnenname „%1“ ist länger als 200 Zeichen.</translation>
    </message>
    <message>
        <source>The subject must be one line.</source>
        <translation>Der Betreff muss aus einer Zeile bestehen.</translation>
    </message>
    <message>
        <source>The subject is longer than 998 characters.</source>
        <translation>Der Betreff ist länger als 998 Zeichen.</translation>
    </message>
    <message>
        <source>The preheader must be one line.</source>
        <translation>Der Vorschautext muss aus einer Zeile bestehen.</translation>
    </message>
    <message>
        <source>The sender&apos;s name must be one line.</source>
        <translation>Der Absendername muss aus einer Zeile bestehen.</translation>
    </message>
    <message>
        <source>The sender&apos;s name is longer than 200 characters.</source>
        <translation>Der Absendername ist länger als 200 Zeichen.</translation>
    </message>
    <message>
        <source>The From address &quot;%1&quot; is not valid: %2</source>
        <translation>Die Absenderadresse „%1“ ist ungültig: %2</translation>
    </message>
    <message>
        <source>The Reply-To address &quot;%1&quot; is not valid: %2</source>
        <translation>Die Antwortadresse (Reply-To) „%1“ ist ungültig: %2</translation>
    </message>
    <message>
        <source>The campaign&apos;s list %1 does not exist.</source>
        <translation>Die Liste %1 der Kampagne gibt es nicht.</translation>
    </message>
    <message>
        <source>The campaign&apos;s tag %1 does not exist.</source>
        <translation>Den Tag %1 der Kampagne gibt es nicht.</translation>
    </message>
    <message>
        <source>The campaign&apos;s segment %1 does not exist.</source>
        <translation>Das Segment %1 der Kampagne gibt es nicht.</translation>
    </message>
    <message>
        <source>There is no campaign %1.</source>
        <translation>Es gibt keine Kampagne %1.</translation>
    </message>
    <message>
        <source>There is no attachment %1.</source>
        <translation>Es gibt keinen Anhang %1.</translation>
    </message>
    <message>
        <source>The attachment name &quot;%1&quot; is not a file name.</source>
        <translation>Der Anhangsname „%1“ ist kein Dateiname.</translation>
    </message>
    <message>
        <source>An attachment&apos;s name must be one line.</source>
        <translation>Der Name eines Anhangs muss aus einer Zeile bestehen.</translation>
    </message>
    <message>
        <source>%1 is %2 MB; attachments can be at most 18 MB (most mail servers refuse bigger messages).</source>
        <translation>%1 ist %2 MB groß; Anhänge dürfen höchstens 18 MB groß sein (die meisten Mailserver lehnen größere Nachrichten ab).</translation>
    </message>
</context>
<context>
    <name>CampaignSendDialog</name>
    <message>
        <source>Send Campaign</source>
        <translation>Kampagne senden</translation>
    </message>
    <message>
        <source>Send from these &amp;accounts (none checked: every account):</source>
        <translation>Von diesen &amp;Konten senden (keines angehakt: alle Konten):</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Send &amp;now</source>
        <translation>&amp;Jetzt senden</translation>
    </message>
    <message>
        <source>&amp;Schedule for</source>
        <translation>&amp;Planen für</translation>
    </message>
    <message>
        <source>This campaign cannot be sent until these are fixed in its editor:</source>
        <translation>Diese Kampagne kann erst gesendet werden, wenn dies in ihrem Editor behoben ist:</translation>
    </message>
    <message>
        <source>Send “%1”</source>
        <translation>„%1“ senden</translation>
    </message>
    <message>
        <source>Send “%1” (subject: %2) over SMTP.</source>
        <translation>„%1“ (Betreff: %2) über SMTP senden.</translation>
    </message>
    <message>
        <source>%1 — %2, %L3 a day</source>
        <translation>%1 — %2, %L3 am Tag</translation>
    </message>
    <message>
        <source>There is no sender account yet: add one with Campaigns &gt; Sender Accounts… first.</source>
        <translation>Es gibt noch kein Absenderkonto: Legen Sie zuerst eines unter Kampagnen &gt; Absenderkonten… an.</translation>
    </message>
    <message>
        <source>Counting the recipients…</source>
        <translation>Empfänger werden gezählt…</translation>
    </message>
    <message numerus="yes">
        <source>%n account(s), up to %L1 messages a day.</source>
        <translation>
            <numerusform>%n Konto, bis zu %L1 Nachrichten am Tag.</numerusform>
            <numerusform>%n Konten, bis zu %L1 Nachrichten am Tag.</numerusform>
        </translation>
    </message>
    <message>
        <source>Finishes around %1.</source>
        <translation>Fertig etwa am %1.</translation>
    </message>
    <message>
        <source>These accounts cannot send it within a year.</source>
        <translation>Diese Konten können sie nicht innerhalb eines Jahres senden.</translation>
    </message>
    <message>
        <source>&amp;Schedule</source>
        <translation>&amp;Planen</translation>
    </message>
    <message>
        <source>Send &amp;Now</source>
        <translation>&amp;Jetzt senden</translation>
    </message>
    <message>
        <source>The time to send at, %1, has passed: choose a later one.</source>
        <translation>Der Sendezeitpunkt %1 ist vorbei: Wählen Sie einen späteren.</translation>
    </message>
    <message>
        <source>Putting every recipient in the outbox…</source>
        <translation>Alle Empfänger kommen in den Postausgang…</translation>
    </message>
    <message>
        <source>Nobody in the audience is left to send to.</source>
        <translation>In der Zielgruppe ist niemand mehr, an den gesendet werden kann.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipient(s).</source>
        <translation>
            <numerusform>%Ln Empfänger.</numerusform>
            <numerusform>%Ln Empfänger.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipient(s) in the outbox.</source>
        <translation>
            <numerusform>%Ln Empfänger im Postausgang.</numerusform>
            <numerusform>%Ln Empfänger im Postausgang.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CampaignWindows</name>
    <message>
        <source>&amp;New Campaign…</source>
        <translation>&amp;Neue Kampagne …</translation>
    </message>
    <message>
        <source>&amp;Campaigns…</source>
        <translation>&amp;Kampagnen …</translation>
    </message>
    <message>
        <source>Campaigns</source>
        <translation>Kampagnen</translation>
    </message>
</context>
<context>
    <name>ColumnChooserDialog</name>
    <message>
        <source>Columns</source>
        <translation>Spalten</translation>
    </message>
    <message>
        <source>Show these columns in the contacts table:</source>
        <translation>Diese Spalten in der Kontakttabelle zeigen:</translation>
    </message>
</context>
<context>
    <name>ColumnMapping</name>
    <message>
        <source>Column %1</source>
        <translation>Spalte %1</translation>
    </message>
    <message>
        <source>text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>number</source>
        <translation>Zahl</translation>
    </message>
    <message>
        <source>date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>yes/no</source>
        <translation>Ja/Nein</translation>
    </message>
    <message>
        <source>The saved column mapping cannot be used: %1</source>
        <translation>Die gespeicherte Spaltenzuordnung ist nicht verwendbar: %1</translation>
    </message>
    <message>
        <source>column %1 (&quot;%2&quot;)</source>
        <translation>Spalte %1 („%2“)</translation>
    </message>
    <message>
        <source>%1 has no target.</source>
        <translation>%1 hat kein Ziel.</translation>
    </message>
    <message>
        <source>%1 has a separator that is not text.</source>
        <translation>%1 hat ein Trennzeichen, das kein Text ist.</translation>
    </message>
    <message>
        <source>%1 names no field.</source>
        <translation>%1 nennt kein Feld.</translation>
    </message>
    <message>
        <source>%1 has the unknown field type &quot;%2&quot;.</source>
        <translation>%1 hat den unbekannten Feldtyp „%2“.</translation>
    </message>
    <message>
        <source>%1 has the unknown target &quot;%2&quot;.</source>
        <translation>%1 hat das unbekannte Ziel „%2“.</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>its version is %1 where 1 was expected.</source>
        <translation>ihre Version ist %1, erwartet wurde 1.</translation>
    </message>
    <message>
        <source>its phone region is not text.</source>
        <translation>ihre Telefonregion ist kein Text.</translation>
    </message>
    <message>
        <source>it has no list of columns.</source>
        <translation>sie hat keine Liste von Spalten.</translation>
    </message>
    <message>
        <source>column %1 has no header name.</source>
        <translation>Spalte %1 hat keinen Spaltennamen.</translation>
    </message>
    <message>
        <source>The mapping has %1 targets for %2 columns.</source>
        <translation>Die Zuordnung hat %1 Ziele für %2 Spalten.</translation>
    </message>
    <message>
        <source>Column &quot;%1&quot; cannot fill %2.</source>
        <translation>Spalte „%1“ kann %2 nicht füllen.</translation>
    </message>
    <message>
        <source>Columns &quot;%1&quot; and &quot;%2&quot; are both mapped to %3.</source>
        <translation>Die Spalten „%1“ und „%2“ sind beide %3 zugeordnet.</translation>
    </message>
    <message>
        <source>Columns &quot;%1&quot; and &quot;%2&quot; are both mapped to the full name.</source>
        <translation>Die Spalten „%1“ und „%2“ sind beide dem vollständigen Namen zugeordnet.</translation>
    </message>
    <message>
        <source>Column &quot;%1&quot;: %2</source>
        <translation>Spalte „%1“: %2</translation>
    </message>
    <message>
        <source>Columns &quot;%1&quot; and &quot;%2&quot; are both mapped to the field &quot;%3&quot;.</source>
        <translation>Die Spalten „%1“ und „%2“ sind beide dem Feld „%3“ zugeordnet.</translation>
    </message>
    <message>
        <source>Column &quot;%1&quot; is mapped to the field &quot;%2&quot; as %3, but that field holds %4.</source>
        <translation>Spalte „%1“ ist dem Feld „%2“ als %3 zugeordnet, aber das Feld enthält %4.</translation>
    </message>
    <message>
        <source>Column &quot;%1&quot; needs a separator between its tags.</source>
        <translation>Spalte „%1“ braucht ein Trennzeichen zwischen ihren Tags.</translation>
    </message>
    <message>
        <source>Column &quot;%1&quot; needs a separator between its lists.</source>
        <translation>Spalte „%1“ braucht ein Trennzeichen zwischen ihren Listen.</translation>
    </message>
    <message>
        <source>Column &quot;%1&quot; is split into first and last name, but column &quot;%2&quot; fills one of them too.</source>
        <translation>Spalte „%1“ wird in Vor- und Nachname geteilt, aber Spalte „%2“ füllt einen davon auch.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a known phone region: use a two-letter country code such as DE.</source>
        <translation>„%1“ ist keine bekannte Telefonregion: Verwenden Sie einen zweibuchstabigen Ländercode wie DE.</translation>
    </message>
    <message>
        <source>No column is mapped to %1.</source>
        <translation>Keine Spalte ist %1 zugeordnet.</translation>
    </message>
</context>
<context>
    <name>Connection</name>
    <message>
        <source>Cannot open the workspace %1: %2</source>
        <translation>Der Arbeitsbereich %1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>%1 is not a readable Mailroom workspace: %2</source>
        <translation>%1 ist kein lesbarer Mailroom-Arbeitsbereich: %2</translation>
    </message>
</context>
<context>
    <name>ContactColumn</name>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Vorname</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Nachname</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Firma</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>Straße</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>PLZ</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Land</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>Lists</source>
        <translation>Listen</translation>
    </message>
    <message>
        <source>Consent source</source>
        <translation>Einwilligungsquelle</translation>
    </message>
    <message>
        <source>Consent date</source>
        <translation>Einwilligungsdatum</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Geändert</translation>
    </message>
</context>
<context>
    <name>ContactController</name>
    <message numerus="yes">
        <source>Deleting %Ln contact(s)…</source>
        <translation>
            <numerusform>%Ln Kontakt wird gelöscht…</numerusform>
            <numerusform>%Ln Kontakte werden gelöscht…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Tagging %Ln contact(s)…</source>
        <translation>
            <numerusform>%Ln Kontakt wird getaggt…</numerusform>
            <numerusform>%Ln Kontakte werden getaggt…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Removing the tag from %Ln contact(s)…</source>
        <translation>
            <numerusform>Tag wird von %Ln Kontakt entfernt…</numerusform>
            <numerusform>Tag wird von %Ln Kontakten entfernt…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Adding %Ln contact(s) to the list…</source>
        <translation>
            <numerusform>%Ln Kontakt wird zur Liste hinzugefügt…</numerusform>
            <numerusform>%Ln Kontakte werden zur Liste hinzugefügt…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Removing %Ln contact(s) from the list…</source>
        <translation>
            <numerusform>%Ln Kontakt wird aus der Liste entfernt…</numerusform>
            <numerusform>%Ln Kontakte werden aus der Liste entfernt…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Changing the status of %Ln contact(s)…</source>
        <translation>
            <numerusform>Status von %Ln Kontakt wird geändert…</numerusform>
            <numerusform>Status von %Ln Kontakten wird geändert…</numerusform>
        </translation>
    </message>
    <message>
        <source>Another change is still running; try again when it has finished.</source>
        <translation>Eine andere Änderung läuft noch; versuchen Sie es erneut, wenn sie fertig ist.</translation>
    </message>
    <message>
        <source>Nothing to change: the selected contacts were already like that.</source>
        <translation>Nichts zu ändern: Die ausgewählten Kontakte waren schon so.</translation>
    </message>
</context>
<context>
    <name>ContactEditor</name>
    <message>
        <source>No contact selected</source>
        <translation>Kein Kontakt ausgewählt</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>name@example.com</source>
        <translation>name@example.com</translation>
    </message>
    <message>
        <source>Required. Each email address can belong to one contact only.</source>
        <translation>Pflichtfeld. Jede E-Mail-Adresse kann nur zu einem Kontakt gehören.</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Vorname</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Nachname</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Firma</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>Straße</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>PLZ</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Land</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Consent source</source>
        <translation>Einwilligungsquelle</translation>
    </message>
    <message>
        <source>Consent date</source>
        <translation>Einwilligungsdatum</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>Comma-separated, e.g. vip, newsletter</source>
        <translation>Durch Kommas getrennt, z. B. vip, newsletter</translation>
    </message>
    <message>
        <source>Lists</source>
        <translation>Listen</translation>
    </message>
    <message>
        <source>Comma-separated list names</source>
        <translation>Listennamen, durch Kommas getrennt</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>Custom fields</source>
        <translation>Eigene Felder</translation>
    </message>
    <message>
        <source>&amp;Revert</source>
        <translation>&amp;Verwerfen</translation>
    </message>
    <message>
        <source>Discard the changes made in the editor</source>
        <translation>Die Änderungen im Editor verwerfen</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>Save the contact (Ctrl+S)</source>
        <translation>Den Kontakt speichern (Strg+S)</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keins</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>New contact</source>
        <translation>Neuer Kontakt</translation>
    </message>
    <message>
        <source>%1 &lt;%2&gt;</source>
        <translation>%1 &lt;%2&gt;</translation>
    </message>
    <message>
        <source>%1 (edited)</source>
        <translation>%1 (bearbeitet)</translation>
    </message>
</context>
<context>
    <name>ContactExporter</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>There is no custom field named &quot;%1&quot;.</source>
        <translation>Es gibt kein eigenes Feld namens „%1“.</translation>
    </message>
    <message>
        <source>Choose a file to export to.</source>
        <translation>Wählen Sie eine Datei für den Export.</translation>
    </message>
    <message>
        <source>Export cancelled; %1 was not written.</source>
        <translation>Export abgebrochen; %1 wurde nicht geschrieben.</translation>
    </message>
</context>
<context>
    <name>ContactImporter</name>
    <message>
        <source>%1 has no rows to import.</source>
        <translation>%1 enthält keine Zeilen zum Importieren.</translation>
    </message>
    <message>
        <source>Cannot write the error report %1: %2</source>
        <translation>Der Fehlerbericht %1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Raw row</source>
        <translation>Rohdaten der Zeile</translation>
    </message>
    <message>
        <source>The mapping has %1 columns but the file has %2.</source>
        <translation>Die Zuordnung hat %1 Spalten, die Datei aber %2.</translation>
    </message>
    <message>
        <source>%1 is also on line %2, which was imported.</source>
        <translation>%1 steht auch in Zeile %2, die importiert wurde.</translation>
    </message>
    <message>
        <source>%1 is also on an earlier line, which was imported.</source>
        <translation>%1 steht auch in einer früheren Zeile, die importiert wurde.</translation>
    </message>
    <message>
        <source>%1 is also on an earlier line, which matched the existing contact.</source>
        <translation>%1 steht auch in einer früheren Zeile, die dem vorhandenen Kontakt zugeordnet wurde.</translation>
    </message>
    <message>
        <source>Import cancelled; nothing was imported.</source>
        <translation>Import abgebrochen; nichts wurde importiert.</translation>
    </message>
    <message>
        <source>The contact is now %1, as this row says.</source>
        <translation>Der Kontakt ist jetzt %1, wie diese Zeile sagt.</translation>
    </message>
</context>
<context>
    <name>ContactRepository</name>
    <message>
        <source>%1 contains a line break or control character.</source>
        <translation>%1 enthält einen Zeilenumbruch oder ein Steuerzeichen.</translation>
    </message>
    <message>
        <source>%1 is longer than 200 characters.</source>
        <translation>%1 ist länger als 200 Zeichen.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a phone number: use digits, spaces, + ( ) - . / and ext.</source>
        <translation>„%1“ ist keine Telefonnummer: erlaubt sind Ziffern, Leerzeichen, + ( ) - . / und ext.</translation>
    </message>
    <message>
        <source>Notes are longer than 10,000 characters.</source>
        <translation>Die Notizen sind länger als 10.000 Zeichen.</translation>
    </message>
    <message>
        <source>The consent date is in the future.</source>
        <translation>Das Einwilligungsdatum liegt in der Zukunft.</translation>
    </message>
    <message>
        <source>There is no custom field named &quot;%1&quot;.</source>
        <translation>Es gibt kein eigenes Feld namens „%1“.</translation>
    </message>
    <message>
        <source>%1 is already in this workspace (contact #%2).</source>
        <translation>%1 ist bereits in diesem Arbeitsbereich (Kontakt Nr. %2).</translation>
    </message>
    <message>
        <source>%1 is already in this workspace as %2 (contact #%3).</source>
        <translation>%1 ist bereits in diesem Arbeitsbereich, als %2 (Kontakt Nr. %3).</translation>
    </message>
    <message>
        <source>The contact %1 no longer exists.</source>
        <translation>Den Kontakt %1 gibt es nicht mehr.</translation>
    </message>
    <message>
        <source>That contact no longer exists.</source>
        <translation>Diesen Kontakt gibt es nicht mehr.</translation>
    </message>
    <message>
        <source>There is no contact #%1.</source>
        <translation>Es gibt keinen Kontakt Nr. %1.</translation>
    </message>
    <message>
        <source>There is no contact with the email %1.</source>
        <translation>Es gibt keinen Kontakt mit der E-Mail-Adresse %1.</translation>
    </message>
    <message>
        <source>Cancelled; nothing was changed.</source>
        <translation>Abgebrochen; nichts wurde geändert.</translation>
    </message>
</context>
<context>
    <name>ContactRowBuilder</name>
    <message>
        <source>Status &quot;%1&quot; is not one of subscribed, unsubscribed, bounced or complained.</source>
        <translation>Status „%1“ ist keiner von subscribed, unsubscribed, bounced oder complained.</translation>
    </message>
    <message>
        <source>Consent date &quot;%1&quot; is not a date; write it as YYYY-MM-DD.</source>
        <translation>Einwilligungsdatum „%1“ ist kein Datum; schreiben Sie es als JJJJ-MM-TT.</translation>
    </message>
</context>
<context>
    <name>ContactStatus</name>
    <message>
        <source>Subscribed</source>
        <translation>Abonniert</translation>
    </message>
    <message>
        <source>Unsubscribed</source>
        <translation>Abgemeldet</translation>
    </message>
    <message>
        <source>Bounced</source>
        <translation>Unzustellbar</translation>
    </message>
    <message>
        <source>Complained</source>
        <translation>Beschwert</translation>
    </message>
</context>
<context>
    <name>ContactTableModel</name>
    <message>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Nein</translation>
    </message>
</context>
<context>
    <name>ContentChecker</name>
    <message>
        <source>(no text)</source>
        <translation>(kein Text)</translation>
    </message>
    <message>
        <source>The link “%1” has no address</source>
        <translation>Der Link „%1“ hat keine Adresse</translation>
    </message>
    <message>
        <source>Its href is empty, so clicking it does nothing or reloads the message. Enter the full address, starting with https://.</source>
        <translation>Sein href ist leer, daher bewirkt ein Klick nichts oder lädt die Nachricht neu. Geben Sie die vollständige Adresse ein, beginnend mit https://.</translation>
    </message>
    <message>
        <source>The link “%1” goes nowhere (#)</source>
        <translation>Der Link „%1“ führt nirgendwohin (#)</translation>
    </message>
    <message>
        <source>“#” is a placeholder left from a template. Replace it with the page the reader should reach, starting with https://.</source>
        <translation>„#“ ist ein Platzhalter, der aus einer Vorlage übrig geblieben ist. Ersetzen Sie ihn durch die Seite, die der Leser erreichen soll, beginnend mit https://.</translation>
    </message>
    <message>
        <source>The link “%1” is not a full address</source>
        <translation>Der Link „%1“ ist keine vollständige Adresse</translation>
    </message>
    <message>
        <source>An email has no website around it, so an address without https:// (such as “www.example.com” or “/shop”) leads nowhere. Write the full address, starting with https://.</source>
        <translation>Eine E-Mail gehört zu keiner Website, daher führt eine Adresse ohne https:// (etwa „www.example.com“ oder „/shop“) nirgendwohin. Schreiben Sie die vollständige Adresse, beginnend mit https://.</translation>
    </message>
    <message>
        <source>The link “%1” runs a script</source>
        <translation>Der Link „%1“ führt ein Skript aus</translation>
    </message>
    <message>
        <source>Mail programs never run scripts, so this link does nothing, and spam filters treat it as a sign of an attack. Link to a web page instead.</source>
        <translation>E-Mail-Programme führen nie Skripte aus, daher bewirkt dieser Link nichts, und Spamfilter werten ihn als Zeichen eines Angriffs. Verlinken Sie stattdessen auf eine Webseite.</translation>
    </message>
    <message>
        <source>The link “%1” is not a valid address</source>
        <translation>Der Link „%1“ ist keine gültige Adresse</translation>
    </message>
    <message>
        <source>The address is misspelled or contains characters that are not allowed (such as spaces), so clicking it will fail. Copy the address again from the browser&apos;s address bar.</source>
        <translation>Die Adresse ist falsch geschrieben oder enthält unzulässige Zeichen (etwa Leerzeichen), daher schlägt ein Klick darauf fehl. Kopieren Sie die Adresse noch einmal aus der Adressleiste des Browsers.</translation>
    </message>
    <message>
        <source>The link “%1” does not use https</source>
        <translation>Der Link „%1“ verwendet kein https</translation>
    </message>
    <message>
        <source>Browsers mark http: pages as not secure and some spam filters count such links against you. Use https:// if the site supports it.</source>
        <translation>Browser kennzeichnen http:-Seiten als nicht sicher, und manche Spamfilter werten solche Links gegen Sie. Verwenden Sie https://, wenn die Website es unterstützt.</translation>
    </message>
    <message>
        <source>The link “%1” has no address after “%2:”</source>
        <translation>Der Link „%1“ hat nach „%2:“ keine Adresse</translation>
    </message>
    <message>
        <source>Without an address or number the link opens an empty message or does nothing. Add what should come after “%1:”.</source>
        <translation>Ohne Adresse oder Nummer öffnet der Link eine leere Nachricht oder bewirkt nichts. Ergänzen Sie, was nach „%1:“ stehen soll.</translation>
    </message>
    <message>
        <source>The link “%1” uses “%2:”</source>
        <translation>Der Link „%1“ verwendet „%2:“</translation>
    </message>
    <message>
        <source>Many mail programs block or ignore links that are not https:, mailto: or tel:, so readers may not be able to open it.</source>
        <translation>Viele E-Mail-Programme blockieren oder ignorieren Links, die nicht https:, mailto: oder tel: sind, daher können Leser ihn womöglich nicht öffnen.</translation>
    </message>
    <message>
        <source>The subject is empty</source>
        <translation>Der Betreff ist leer</translation>
    </message>
    <message>
        <source>Messages without a subject look like spam and are often deleted unread. Say in a few words what the message is about.</source>
        <translation>Nachrichten ohne Betreff wirken wie Spam und werden oft ungelesen gelöscht. Sagen Sie in wenigen Worten, worum es in der Nachricht geht.</translation>
    </message>
    <message>
        <source>The subject is written in capitals</source>
        <translation>Der Betreff ist in Großbuchstaben geschrieben</translation>
    </message>
    <message>
        <source>A subject in capitals reads as shouting, and spam filters score it against you. Write it in normal case.</source>
        <translation>Ein Betreff in Großbuchstaben wirkt wie Schreien, und Spamfilter werten ihn gegen Sie. Schreiben Sie ihn in normaler Groß- und Kleinschreibung.</translation>
    </message>
    <message>
        <source>The subject has runs of !, ? or $</source>
        <translation>Der Betreff enthält gehäufte !, ? oder $</translation>
    </message>
    <message>
        <source>Strings such as “!!!” or “$$$” are a classic spam sign and make filters more likely to move the message to spam. One exclamation mark at most.</source>
        <translation>Zeichenfolgen wie „!!!“ oder „$$$“ sind ein klassisches Spam-Merkmal und machen es wahrscheinlicher, dass Filter die Nachricht in den Spam-Ordner verschieben. Höchstens ein Ausrufezeichen.</translation>
    </message>
    <message>
        <source>The subject contains words spam filters look for: %1</source>
        <translation>Der Betreff enthält Wörter, auf die Spamfilter achten: %1</translation>
    </message>
    <message>
        <source>Spam filters score these words, and together with other signs they can send the message to the spam folder. Rephrase the subject in your own words.</source>
        <translation>Spamfilter bewerten diese Wörter, und zusammen mit anderen Merkmalen können sie die Nachricht in den Spam-Ordner bringen. Formulieren Sie den Betreff mit eigenen Worten um.</translation>
    </message>
    <message>
        <source>The preheader contains words spam filters look for: %1</source>
        <translation>Der Vorschautext enthält Wörter, auf die Spamfilter achten: %1</translation>
    </message>
    <message>
        <source>The preheader is read by spam filters like the rest of the message. Rephrase it in your own words.</source>
        <translation>Spamfilter lesen den Vorschautext wie den Rest der Nachricht. Formulieren Sie ihn mit eigenen Worten um.</translation>
    </message>
    <message>
        <source>There is no From address</source>
        <translation>Es gibt keine Absenderadresse</translation>
    </message>
    <message>
        <source>Every message needs a sender address that replies and bounces can reach. Enter the address you send from.</source>
        <translation>Jede Nachricht braucht eine Absenderadresse, die Antworten und Unzustellbarkeitsmeldungen erreichen können. Geben Sie die Adresse ein, von der Sie senden.</translation>
    </message>
    <message>
        <source>The From domain %1 has no DKIM key</source>
        <translation>Die Absenderdomain %1 hat keinen DKIM-Schlüssel</translation>
    </message>
    <message>
        <source>Without a DKIM signature Gmail, Yahoo and others cannot verify that the message really comes from %1, and many will send it to spam. Create a DKIM key for the domain and publish the DNS record shown.</source>
        <translation>Ohne DKIM-Signatur können Gmail, Yahoo und andere nicht prüfen, ob die Nachricht wirklich von %1 stammt, und viele stufen sie als Spam ein. Erstellen Sie einen DKIM-Schlüssel für die Domain und veröffentlichen Sie den angezeigten DNS-Eintrag.</translation>
    </message>
    <message>
        <source>The message has no content</source>
        <translation>Die Nachricht hat keinen Inhalt</translation>
    </message>
    <message>
        <source>Neither the HTML nor the text part contains anything to read. Write the message before sending it.</source>
        <translation>Weder der HTML- noch der Textteil enthält etwas zu lesen. Schreiben Sie die Nachricht, bevor Sie sie senden.</translation>
    </message>
    <message>
        <source>A merge tag that is unknown or written wrongly would show up blank or broken for every recipient. Fix the tag at this line, or choose a field that exists.</source>
        <translation>Ein unbekannter oder falsch geschriebener Platzhalter würde bei jedem Empfänger leer oder fehlerhaft erscheinen. Korrigieren Sie den Platzhalter in dieser Zeile oder wählen Sie ein vorhandenes Feld.</translation>
    </message>
    <message>
        <source>The image %1 has no alt text</source>
        <translation>Das Bild %1 hat keinen Alternativtext</translation>
    </message>
    <message>
        <source>Many readers see the message with images blocked, and screen readers read the alt text aloud. Describe the image in its alt attribute, or write alt=&quot;&quot; if it is only decoration.</source>
        <translation>Viele Leser sehen die Nachricht mit blockierten Bildern, und Screenreader lesen den Alternativtext vor. Beschreiben Sie das Bild in seinem alt-Attribut, oder schreiben Sie alt=&quot;&quot;, wenn es nur zur Dekoration dient.</translation>
    </message>
    <message>
        <source>There is no unsubscribe link</source>
        <translation>Es gibt keinen Abmeldelink</translation>
    </message>
    <message>
        <source>The law (CAN-SPAM, GDPR) and the large mailbox providers require an easy way to unsubscribe from marketing mail. Add the {{ unsubscribe_url }} link to the footer.</source>
        <translation>Das Gesetz (CAN-SPAM, DSGVO) und die großen Postfachanbieter verlangen eine einfache Möglichkeit, sich von Werbe-E-Mails abzumelden. Fügen Sie den Link {{ unsubscribe_url }} in die Fußzeile ein.</translation>
    </message>
    <message>
        <source>The footer has no postal address</source>
        <translation>Die Fußzeile enthält keine Postanschrift</translation>
    </message>
    <message>
        <source>CAN-SPAM requires every marketing email to show the sender&apos;s valid physical postal address. Enter it in the sender settings.</source>
        <translation>CAN-SPAM verlangt, dass jede Werbe-E-Mail die gültige Postanschrift des Absenders zeigt. Geben Sie sie in den Absendereinstellungen ein.</translation>
    </message>
    <message>
        <source>The message is %1 KB; Gmail will clip it</source>
        <translation>Die Nachricht ist %1 KB groß; Gmail wird sie abschneiden</translation>
    </message>
    <message>
        <source>Gmail shows only the first 102 KB of a message and hides the rest, including your footer and unsubscribe link, behind “View entire message”. Remove content, compress or host images, or shorten the HTML.</source>
        <translation>Gmail zeigt nur die ersten 102 KB einer Nachricht und versteckt den Rest, einschließlich Ihrer Fußzeile und des Abmeldelinks, hinter „Gesamte Nachricht anzeigen“. Entfernen Sie Inhalte, komprimieren Sie Bilder oder binden Sie sie von einem Server ein, oder kürzen Sie das HTML.</translation>
    </message>
    <message>
        <source>The message is %1 KB, close to Gmail&apos;s 102 KB limit</source>
        <translation>Die Nachricht ist %1 KB groß, nahe an der Grenze von 102 KB bei Gmail</translation>
    </message>
    <message>
        <source>Gmail clips messages over 102 KB. Personalized values can push some recipients&apos; copies over the limit; keep the message smaller.</source>
        <translation>Gmail schneidet Nachrichten über 102 KB ab. Personalisierte Werte können die Nachrichten mancher Empfänger über die Grenze bringen; halten Sie die Nachricht kleiner.</translation>
    </message>
    <message>
        <source>The message has no text part</source>
        <translation>Die Nachricht hat keinen Textteil</translation>
    </message>
    <message>
        <source>Some readers and many spam filters expect a plain-text version beside the HTML. Let Mailroom generate it from the HTML, or write one.</source>
        <translation>Manche Leser und viele Spamfilter erwarten neben dem HTML eine Nur-Text-Version. Lassen Sie Mailroom sie aus dem HTML erzeugen, oder schreiben Sie selbst eine.</translation>
    </message>
</context>
<context>
    <name>CsvReader</name>
    <message>
        <source>The file is not open for reading.</source>
        <translation>Die Datei ist nicht zum Lesen geöffnet.</translation>
    </message>
    <message>
        <source>Line %1: the row is longer than %2 characters. Is a quote left open?</source>
        <translation>Zeile %1: Die Zeile ist länger als %2 Zeichen. Ist ein Anführungszeichen offen geblieben?</translation>
    </message>
    <message>
        <source>Could not read the file after line %1: %2</source>
        <translation>Die Datei konnte nach Zeile %1 nicht weiter gelesen werden: %2</translation>
    </message>
    <message>
        <source>Line %1: a quoted field is still open at the end of the file.</source>
        <translation>Zeile %1: Ein Feld in Anführungszeichen ist am Ende der Datei noch offen.</translation>
    </message>
</context>
<context>
    <name>CsvWriter</name>
    <message>
        <source>Cannot write the file: %1</source>
        <translation>Die Datei kann nicht geschrieben werden: %1</translation>
    </message>
</context>
<context>
    <name>CustomField</name>
    <message>
        <source>%1 is longer than 10,000 characters.</source>
        <translation>%1 ist länger als 10.000 Zeichen.</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a number.</source>
        <translation>%1: „%2“ ist keine Zahl.</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a date; write it as YYYY-MM-DD.</source>
        <translation>%1: „%2“ ist kein Datum; schreiben Sie es als JJJJ-MM-TT.</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not yes or no.</source>
        <translation>%1: „%2“ ist weder ja noch nein.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid field name: use up to 64 letters, digits, spaces, _ or -.</source>
        <translation>„%1“ ist kein gültiger Feldname: Verwenden Sie bis zu 64 Buchstaben, Ziffern, Leerzeichen, _ oder -.</translation>
    </message>
</context>
<context>
    <name>CustomFieldRepository</name>
    <message>
        <source>There is no custom field named &quot;%1&quot;.</source>
        <translation>Es gibt kein eigenes Feld namens „%1“.</translation>
    </message>
    <message>
        <source>A custom field named &quot;%1&quot; already exists.</source>
        <translation>Ein eigenes Feld namens „%1“ gibt es bereits.</translation>
    </message>
</context>
<context>
    <name>DeleteContactsCommand</name>
    <message>
        <source>Delete %1</source>
        <translation>%1 löschen</translation>
    </message>
    <message numerus="yes">
        <source>Delete %Ln contact(s)</source>
        <translation>
            <numerusform>%Ln Kontakt löschen</numerusform>
            <numerusform>%Ln Kontakte löschen</numerusform>
        </translation>
    </message>
    <message>
        <source>Undoing: %1…</source>
        <translation>Rückgängig: %1…</translation>
    </message>
    <message>
        <source>Redoing: %1…</source>
        <translation>Wiederholen: %1…</translation>
    </message>
</context>
<context>
    <name>DeliveryController</name>
    <message>
        <source>Campaigns wait to be sent until the vault is unlocked.</source>
        <translation>Kampagnen warten mit dem Senden, bis der Tresor entsperrt ist.</translation>
    </message>
    <message>
        <source>Cannot start sending: %1</source>
        <translation>Senden kann nicht beginnen: %1</translation>
    </message>
    <message>
        <source>Sending waits for the vault</source>
        <translation>Senden wartet auf den Tresor</translation>
    </message>
    <message numerus="yes">
        <source>Sending over %n connection(s)</source>
        <translation>
            <numerusform>Sendet über %n Verbindung</numerusform>
            <numerusform>Sendet über %n Verbindungen</numerusform>
        </translation>
    </message>
    <message>
        <source>Sending resumes %1</source>
        <translation>Senden geht weiter am %1</translation>
    </message>
    <message>
        <source>Ready to send</source>
        <translation>Bereit zum Senden</translation>
    </message>
    <message>
        <source>Campaign sent</source>
        <translation>Kampagne gesendet</translation>
    </message>
    <message>
        <source>“%1” has been sent to everyone it could reach.</source>
        <translation>„%1“ wurde an alle gesendet, die erreichbar waren.</translation>
    </message>
    <message>
        <source>Mailroom</source>
        <translation>Mailroom</translation>
    </message>
</context>
<context>
    <name>DeliveryEngine</name>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>The contact was deleted.</source>
        <translation>Der Kontakt wurde gelöscht.</translation>
    </message>
    <message>
        <source>A scheduled campaign could not start: %1</source>
        <translation>Eine geplante Kampagne konnte nicht beginnen: %1</translation>
    </message>
    <message>
        <source>Campaign “%1” cannot be rendered: %2</source>
        <translation>Die Nachrichten der Kampagne „%1“ können nicht erstellt werden: %2</translation>
    </message>
    <message>
        <source>Stopped waiting.</source>
        <translation>Warten abgebrochen.</translation>
    </message>
    <message>
        <source>More than %1 sending sessions at once.</source>
        <translation>Mehr als %1 Sendesitzungen gleichzeitig.</translation>
    </message>
</context>
<context>
    <name>DeliveryJournal</name>
    <message>
        <source>The delivery journal %1: %2</source>
        <translation>Das Versandjournal %1: %2</translation>
    </message>
    <message>
        <source>this is not a journal this version of Mailroom wrote; move it away and start again</source>
        <translation>dies ist kein Journal, das diese Version von Mailroom geschrieben hat; verschieben Sie es und starten Sie neu</translation>
    </message>
</context>
<context>
    <name>DeliveryStatus</name>
    <message>
        <source>Not started.</source>
        <translation>Nicht begonnen.</translation>
    </message>
    <message>
        <source>Starts at %1.</source>
        <translation>Beginnt am %1.</translation>
    </message>
    <message>
        <source>Scheduled.</source>
        <translation>Geplant.</translation>
    </message>
    <message>
        <source>Paused with %1 recipients to go.</source>
        <translation>Angehalten, %1 Empfänger stehen noch aus.</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>Fertig.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>No sender account may send this campaign: add one.</source>
        <translation>Kein Absenderkonto darf diese Kampagne senden: Legen Sie eines an.</translation>
    </message>
    <message>
        <source>Waiting for quota until %1.</source>
        <translation>Wartet auf Kontingent bis %1.</translation>
    </message>
    <message>
        <source>Finishes around %1.</source>
        <translation>Fertig etwa am %1.</translation>
    </message>
    <message>
        <source>Finishing the messages in flight.</source>
        <translation>Die Nachrichten unterwegs werden noch fertig gesendet.</translation>
    </message>
</context>
<context>
    <name>DemoCampaign</name>
    <message>
        <source>Spring newsletter (sample)</source>
        <translation>Frühlings-Newsletter (Beispiel)</translation>
    </message>
    <message>
        <source>{{ first_name | default: &quot;Hello&quot; }}, our spring range is in</source>
        <translation>{{ first_name | default: &quot;Hallo&quot; }}, unsere Frühjahrskollektion ist da</translation>
    </message>
    <message>
        <source>New glazes, and 10% off for subscribers until Sunday</source>
        <translation>Neue Glasuren und 10 % Rabatt für Abonnenten bis Sonntag</translation>
    </message>
</context>
<context>
    <name>DemoGenerator</name>
    <message>
        <source>The number of demo contacts cannot be negative (%1).</source>
        <translation>Die Zahl der Demo-Kontakte kann nicht negativ sein (%1).</translation>
    </message>
    <message>
        <source>Making the demo contacts was cancelled; nothing was added.</source>
        <translation>Das Anlegen der Demo-Kontakte wurde abgebrochen; nichts wurde hinzugefügt.</translation>
    </message>
    <message>
        <source>Making the demo contacts stopped early.</source>
        <translation>Das Anlegen der Demo-Kontakte wurde vorzeitig beendet.</translation>
    </message>
</context>
<context>
    <name>DkimKey</name>
    <message>
        <source>The RSA key has %1 bits; DKIM verifiers refuse keys shorter than 1024 bits (RFC 8301). Generate a new key.</source>
        <translation>Der RSA-Schlüssel hat %1 Bit; DKIM-Prüfer lehnen Schlüssel mit weniger als 1024 Bit ab (RFC 8301). Erzeugen Sie einen neuen Schlüssel.</translation>
    </message>
    <message>
        <source>The RSA key has %1 bits; its DNS record would be too long to publish. Use 2048 bits.</source>
        <translation>Der RSA-Schlüssel hat %1 Bit; sein DNS-Eintrag wäre zu lang, um ihn zu veröffentlichen. Verwenden Sie 2048 Bit.</translation>
    </message>
    <message>
        <source>The private key is a %1 key; DKIM signs with RSA or Ed25519 keys only.</source>
        <translation>Der private Schlüssel ist ein %1-Schlüssel; DKIM signiert nur mit RSA- oder Ed25519-Schlüsseln.</translation>
    </message>
    <message>
        <source>The private key is damaged: its parts do not fit together.</source>
        <translation>Der private Schlüssel ist beschädigt: Seine Teile passen nicht zusammen.</translation>
    </message>
    <message>
        <source>Could not generate a DKIM key: %1</source>
        <translation>Der DKIM-Schlüssel konnte nicht erzeugt werden: %1</translation>
    </message>
    <message>
        <source>The DKIM private key is empty.</source>
        <translation>Der private DKIM-Schlüssel ist leer.</translation>
    </message>
    <message>
        <source>The DKIM private key is not in PEM form: it should start with &quot;-----BEGIN PRIVATE KEY-----&quot;.</source>
        <translation>Der private DKIM-Schlüssel liegt nicht im PEM-Format vor: Er sollte mit „-----BEGIN PRIVATE KEY-----“ beginnen.</translation>
    </message>
    <message>
        <source>The DKIM private key&apos;s PEM text is damaged (its base64 or its BEGIN/END lines); copy the whole key again.</source>
        <translation>Der PEM-Text des privaten DKIM-Schlüssels ist beschädigt (das base64 oder die BEGIN/END-Zeilen); kopieren Sie den ganzen Schlüssel noch einmal.</translation>
    </message>
    <message>
        <source>The DKIM private key is protected by a passphrase; export it without one (openssl pkey -in key.pem -out plain.pem). Mailroom keeps it encrypted in its vault.</source>
        <translation>Der private DKIM-Schlüssel ist durch eine Passphrase geschützt; exportieren Sie ihn ohne Passphrase (openssl pkey -in key.pem -out plain.pem). Mailroom bewahrt ihn verschlüsselt in seinem Tresor auf.</translation>
    </message>
    <message>
        <source>This is a %1, not a private key; DKIM signing needs the private key.</source>
        <translation>Das ist kein privater Schlüssel, sondern: %1. Zum Signieren mit DKIM wird der private Schlüssel benötigt.</translation>
    </message>
    <message>
        <source>The DKIM private key is a &quot;%1&quot;; DKIM signs with RSA or Ed25519 keys in a &quot;PRIVATE KEY&quot; PEM.</source>
        <translation>Der private DKIM-Schlüssel ist ein „%1“; DKIM signiert mit RSA- oder Ed25519-Schlüsseln in einem PEM-Block „PRIVATE KEY“.</translation>
    </message>
    <message>
        <source>The DKIM private key could not be read: its &quot;%1&quot; block holds no valid key.</source>
        <translation>Der private DKIM-Schlüssel konnte nicht gelesen werden: Sein Block „%1“ enthält keinen gültigen Schlüssel.</translation>
    </message>
    <message>
        <source>Could not sign with the DKIM key: %1</source>
        <translation>Mit dem DKIM-Schlüssel konnte nicht signiert werden: %1</translation>
    </message>
    <message>
        <source>unknown libcrypto error</source>
        <translation>unbekannter libcrypto-Fehler</translation>
    </message>
    <message>
        <source>libcrypto could not read the RSA key: %1</source>
        <translation>libcrypto konnte den RSA-Schlüssel nicht lesen: %1</translation>
    </message>
</context>
<context>
    <name>DkimKeyRepository</name>
    <message>
        <source>&quot;%1&quot; is not a domain name such as example.com.</source>
        <translation>„%1“ ist kein Domainname wie example.com.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a DKIM selector: use letters, digits and hyphens, such as &quot;mailroom1&quot;.</source>
        <translation>„%1“ ist kein DKIM-Selektor: Verwenden Sie Buchstaben, Ziffern und Bindestriche, etwa „mailroom1“.</translation>
    </message>
    <message>
        <source>%1 already has a DKIM key with the selector &quot;%2&quot;; pick another selector.</source>
        <translation>%1 hat bereits einen DKIM-Schlüssel mit dem Selektor „%2“; wählen Sie einen anderen Selektor.</translation>
    </message>
    <message>
        <source>There is no DKIM key %1.</source>
        <translation>Es gibt keinen DKIM-Schlüssel %1.</translation>
    </message>
</context>
<context>
    <name>DkimKeysDialog</name>
    <message>
        <source>DKIM Keys</source>
        <translation>DKIM-Schlüssel</translation>
    </message>
    <message>
        <source>Messages from a domain with a key here are signed with DKIM. Publish the key&apos;s TXT record in the domain&apos;s DNS so receivers can check the signature.</source>
        <translation>Nachrichten von einer Domain mit einem Schlüssel hier werden mit DKIM signiert. Veröffentlichen Sie den TXT-Eintrag des Schlüssels im DNS der Domain, damit Empfänger die Signatur prüfen können.</translation>
    </message>
    <message>
        <source>DKIM keys</source>
        <translation>DKIM-Schlüssel</translation>
    </message>
    <message>
        <source>&amp;New Key…</source>
        <translation>&amp;Neuer Schlüssel…</translation>
    </message>
    <message>
        <source>&amp;Remove…</source>
        <translation>&amp;Entfernen…</translation>
    </message>
    <message>
        <source>No keys yet: press New Key… to make one for the domain you send from.</source>
        <translation>Noch keine Schlüssel: Mit „Neuer Schlüssel…“ erstellen Sie einen für die Domain, von der Sie senden.</translation>
    </message>
    <message>
        <source>DNS record to publish</source>
        <translation>Zu veröffentlichender DNS-Eintrag</translation>
    </message>
    <message>
        <source>Na&amp;me (host):</source>
        <translation>Na&amp;me (Host):</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>Copy the record&apos;s name</source>
        <translation>Den Namen des Eintrags kopieren</translation>
    </message>
    <message>
        <source>&amp;Value (TXT):</source>
        <translation>&amp;Wert (TXT):</translation>
    </message>
    <message>
        <source>C&amp;opy</source>
        <translation>K&amp;opieren</translation>
    </message>
    <message>
        <source>Copy the record&apos;s value, as DNS hosting panels ask for it</source>
        <translation>Den Wert des Eintrags kopieren, wie ihn DNS-Verwaltungsseiten verlangen</translation>
    </message>
    <message>
        <source>&amp;Zone file line:</source>
        <translation>&amp;Zeile für die Zonendatei:</translation>
    </message>
    <message>
        <source>Cop&amp;y</source>
        <translation>Kop&amp;ieren</translation>
    </message>
    <message>
        <source>Copy the line for a BIND zone file</source>
        <translation>Die Zeile für eine BIND-Zonendatei kopieren</translation>
    </message>
    <message>
        <source>DNS record</source>
        <translation>DNS-Eintrag</translation>
    </message>
    <message>
        <source>Algorithm</source>
        <translation>Algorithmus</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Ed25519</source>
        <translation>Ed25519</translation>
    </message>
    <message>
        <source>RSA</source>
        <translation>RSA</translation>
    </message>
    <message>
        <source>DNS record to publish for %1</source>
        <translation>Zu veröffentlichender DNS-Eintrag für %1</translation>
    </message>
    <message>
        <source>The key was not made: the vault that keeps it is locked.</source>
        <translation>Der Schlüssel wurde nicht erstellt: Der Tresor, der ihn aufbewahrt, ist gesperrt.</translation>
    </message>
    <message>
        <source>Making the key…</source>
        <translation>Schlüssel wird erstellt…</translation>
    </message>
    <message>
        <source>New DKIM Key</source>
        <translation>Neuer DKIM-Schlüssel</translation>
    </message>
    <message>
        <source>Publish this TXT record in the DNS of %1; receivers check signatures against it.</source>
        <translation>Veröffentlichen Sie diesen TXT-Eintrag im DNS von %1; Empfänger prüfen Signaturen damit.</translation>
    </message>
    <message>
        <source>Remove DKIM Key</source>
        <translation>DKIM-Schlüssel entfernen</translation>
    </message>
    <message>
        <source>Remove the key %1? Its private half is deleted from the vault and cannot be brought back; messages are no longer signed with it.</source>
        <translation>Den Schlüssel %1 entfernen? Sein privater Teil wird aus dem Tresor gelöscht und lässt sich nicht wiederherstellen; Nachrichten werden nicht mehr damit signiert.</translation>
    </message>
    <message>
        <source>Removed %1. Delete its TXT record from your DNS as well.</source>
        <translation>%1 wurde entfernt. Löschen Sie auch seinen TXT-Eintrag aus Ihrem DNS.</translation>
    </message>
</context>
<context>
    <name>DkimNames</name>
    <message>
        <source>A DKIM signing domain is required (example.com).</source>
        <translation>Eine DKIM-Signaturdomain ist erforderlich (example.com).</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a domain name a DKIM key can be published for (a name such as example.com).</source>
        <translation>„%1“ ist kein Domainname, für den ein DKIM-Schlüssel veröffentlicht werden kann (ein Name wie example.com).</translation>
    </message>
    <message>
        <source>A DKIM selector is required (for example s1 or mail2026).</source>
        <translation>Ein DKIM-Selektor ist erforderlich (zum Beispiel s1 oder mail2026).</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a DKIM selector: use letters, digits and hyphens, with dots between parts (s1, mail-2026).</source>
        <translation>„%1“ ist kein DKIM-Selektor: Verwenden Sie Buchstaben, Ziffern und Bindestriche, mit Punkten zwischen den Teilen (s1, mail-2026).</translation>
    </message>
</context>
<context>
    <name>DkimSigner</name>
    <message>
        <source>Cannot DKIM-sign the message: line %1 %2</source>
        <translation>Die Nachricht kann nicht mit DKIM signiert werden: Zeile %1 %2</translation>
    </message>
    <message>
        <source>starts with a space but follows no header field.</source>
        <translation>beginnt mit einem Leerzeichen, folgt aber auf kein Headerfeld.</translation>
    </message>
    <message>
        <source>has a bare %1; a message to be sent must end its lines with CRLF.</source>
        <translation>enthält ein einzelnes %1; in einer zu sendenden Nachricht müssen die Zeilen mit CRLF enden.</translation>
    </message>
    <message>
        <source>is not a header field (Name: value).</source>
        <translation>ist kein Headerfeld (Name: Wert).</translation>
    </message>
    <message>
        <source>Could not hash the message body: %1</source>
        <translation>Der Hash des Nachrichtentexts konnte nicht berechnet werden: %1</translation>
    </message>
    <message>
        <source>The DKIM self-test failed (%1); DKIM signing is disabled.</source>
        <translation>Der DKIM-Selbsttest ist fehlgeschlagen (%1); das Signieren mit DKIM ist deaktiviert.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a header field name DKIM can sign.</source>
        <translation>„%1“ ist kein Headerfeldname, den DKIM signieren kann.</translation>
    </message>
    <message>
        <source>Cannot DKIM-sign the message: it has no From header field, and DKIM signs From.</source>
        <translation>Die Nachricht kann nicht mit DKIM signiert werden: Sie hat kein From-Headerfeld, und DKIM signiert From.</translation>
    </message>
</context>
<context>
    <name>EditContactCommand</name>
    <message>
        <source>Edit %1</source>
        <translation>%1 bearbeiten</translation>
    </message>
</context>
<context>
    <name>EmailAddress</name>
    <message>
        <source>An email address is required.</source>
        <translation>Eine E-Mail-Adresse ist erforderlich.</translation>
    </message>
    <message>
        <source>it has no @.</source>
        <translation>sie enthält kein @.</translation>
    </message>
    <message>
        <source>nothing comes before the @.</source>
        <translation>vor dem @ steht nichts.</translation>
    </message>
    <message>
        <source>nothing comes after the @.</source>
        <translation>nach dem @ steht nichts.</translation>
    </message>
    <message>
        <source>the part before the @ is longer than 64 characters.</source>
        <translation>der Teil vor dem @ ist länger als 64 Zeichen.</translation>
    </message>
    <message>
        <source>dots must separate words before the @.</source>
        <translation>Punkte müssen vor dem @ Wörter trennen.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not allowed before the @.</source>
        <translation>„%1“ ist vor dem @ nicht erlaubt.</translation>
    </message>
    <message>
        <source>the domain after the @ is not a valid domain name.</source>
        <translation>die Domain nach dem @ ist kein gültiger Domainname.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid domain name.</source>
        <translation>„%1“ ist kein gültiger Domainname.</translation>
    </message>
    <message>
        <source>the domain is longer than 255 characters.</source>
        <translation>die Domain ist länger als 255 Zeichen.</translation>
    </message>
    <message>
        <source>the domain &quot;%1&quot; has no dot (example.com).</source>
        <translation>die Domain „%1“ enthält keinen Punkt (example.com).</translation>
    </message>
    <message>
        <source>the domain &quot;%1&quot; is not a valid domain name.</source>
        <translation>die Domain „%1“ ist kein gültiger Domainname.</translation>
    </message>
    <message>
        <source>the domain &quot;%1&quot; ends in a number.</source>
        <translation>die Domain „%1“ endet auf eine Zahl.</translation>
    </message>
    <message>
        <source>it is longer than 254 characters.</source>
        <translation>sie ist länger als 254 Zeichen.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an email address: %2</source>
        <translation>„%1“ ist keine E-Mail-Adresse: %2</translation>
    </message>
</context>
<context>
    <name>EncodedPart</name>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>The attachment &quot;%1&quot;</source>
        <translation>Der Anhang „%1“</translation>
    </message>
    <message>
        <source>An attachment needs a file name.</source>
        <translation>Ein Anhang braucht einen Dateinamen.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a MIME type such as application/pdf.</source>
        <translation>„%1“ ist kein MIME-Typ wie application/pdf.</translation>
    </message>
    <message>
        <source>The inline image &quot;%1&quot;</source>
        <translation>Das eingebettete Bild „%1“</translation>
    </message>
    <message>
        <source>a Content-ID is letters, digits and . - _ + = around one @, such as logo@example.com.</source>
        <translation>eine Content-ID besteht aus Buchstaben, Ziffern und . - _ + = um genau ein @ herum, etwa logo@example.com.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a MIME type such as image/png.</source>
        <translation>„%1“ ist kein MIME-Typ wie image/png.</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export Contacts</source>
        <translation>Kontakte exportieren</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Kontakte</translation>
    </message>
    <message>
        <source>&amp;Whole workspace</source>
        <translation>&amp;Gesamter Arbeitsbereich</translation>
    </message>
    <message>
        <source>The selected &amp;list or tag</source>
        <translation>Die ausgewählte &amp;Liste oder das Tag</translation>
    </message>
    <message>
        <source>The current &amp;search result</source>
        <translation>Das aktuelle &amp;Suchergebnis</translation>
    </message>
    <message>
        <source>The selected &amp;contacts</source>
        <translation>Die ausgewählten &amp;Kontakte</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>Spalten</translation>
    </message>
    <message>
        <source>&amp;Visible columns</source>
        <translation>&amp;Sichtbare Spalten</translation>
    </message>
    <message>
        <source>&amp;All columns, custom fields included</source>
        <translation>&amp;Alle Spalten, eigene Felder eingeschlossen</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>CS&amp;V (spreadsheets, other tools)</source>
        <translation>CS&amp;V (Tabellenkalkulation, andere Programme)</translation>
    </message>
    <message>
        <source>For &amp;Excel (semicolons, byte order mark)</source>
        <translation>Für &amp;Excel (Semikolons, Byte-Order-Mark)</translation>
    </message>
    <message>
        <source>v&amp;Card 4.0 (address books, phones)</source>
        <translation>v&amp;Card 4.0 (Adressbücher, Telefone)</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;Datei:</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exportieren</translation>
    </message>
    <message>
        <source>Only %1</source>
        <translation>Nur %1</translation>
    </message>
    <message>
        <source>The current search result (“%1”)</source>
        <translation>Das aktuelle Suchergebnis („%1“)</translation>
    </message>
    <message numerus="yes">
        <source>The %Ln selected contact(s)</source>
        <translation>
            <numerusform>Der %Ln ausgewählte Kontakt</numerusform>
            <numerusform>Die %Ln ausgewählten Kontakte</numerusform>
        </translation>
    </message>
    <message>
        <source>vCard files (*.vcf);;All files (*)</source>
        <translation>vCard-Dateien (*.vcf);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV-Dateien (*.csv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Choose the file to export to.</source>
        <translation>Wählen Sie die Datei für den Export.</translation>
    </message>
    <message>
        <source>%1 already exists. Replace it?</source>
        <translation>%1 existiert bereits. Ersetzen?</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Wird exportiert…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
    <message>
        <source>Exported %1 of %2 contacts…</source>
        <translation>%1 von %2 Kontakten exportiert…</translation>
    </message>
    <message>
        <source>Cancelled: no file was written.</source>
        <translation>Abgebrochen: Es wurde keine Datei geschrieben.</translation>
    </message>
</context>
<context>
    <name>FolderSend</name>
    <message>
        <source>The campaign cannot be sent: %1</source>
        <translation>Die Kampagne kann nicht gesendet werden: %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Stopped after %1 messages.</source>
        <translation>Nach %1 Nachrichten angehalten.</translation>
    </message>
</context>
<context>
    <name>FolderTransport</name>
    <message>
        <source>No folder was given.</source>
        <translation>Es wurde kein Ordner angegeben.</translation>
    </message>
    <message>
        <source>%1 is a file, not a folder.</source>
        <translation>%1 ist eine Datei, kein Ordner.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>Der Ordner %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>GroupMembershipCommand</name>
    <message numerus="yes">
        <source>Tag %Ln contact(s) with &quot;%1&quot;</source>
        <translation>
            <numerusform>%Ln Kontakt mit „%1“ taggen</numerusform>
            <numerusform>%Ln Kontakte mit „%1“ taggen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove tag &quot;%1&quot; from %Ln contact(s)</source>
        <translation>
            <numerusform>Tag „%1“ von %Ln Kontakt entfernen</numerusform>
            <numerusform>Tag „%1“ von %Ln Kontakten entfernen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Add %Ln contact(s) to list &quot;%1&quot;</source>
        <translation>
            <numerusform>%Ln Kontakt zur Liste „%1“ hinzufügen</numerusform>
            <numerusform>%Ln Kontakte zur Liste „%1“ hinzufügen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove %Ln contact(s) from list &quot;%1&quot;</source>
        <translation>
            <numerusform>%Ln Kontakt aus der Liste „%1“ entfernen</numerusform>
            <numerusform>%Ln Kontakte aus der Liste „%1“ entfernen</numerusform>
        </translation>
    </message>
    <message>
        <source>Undoing: %1…</source>
        <translation>Rückgängig: %1…</translation>
    </message>
    <message>
        <source>Redoing: %1…</source>
        <translation>Wiederholen: %1…</translation>
    </message>
</context>
<context>
    <name>GroupRepository</name>
    <message>
        <source>The tag &quot;%1&quot; contains a comma; tags are separated by commas.</source>
        <translation>Der Tag „%1“ enthält ein Komma; Tags werden durch Kommas getrennt.</translation>
    </message>
    <message>
        <source>A tag needs a name.</source>
        <translation>Ein Tag braucht einen Namen.</translation>
    </message>
    <message>
        <source>A list needs a name.</source>
        <translation>Eine Liste braucht einen Namen.</translation>
    </message>
    <message>
        <source>The tag name &quot;%1&quot; is longer than 100 characters.</source>
        <translation>Der Tag-Name „%1“ ist länger als 100 Zeichen.</translation>
    </message>
    <message>
        <source>The list name &quot;%1&quot; is longer than 100 characters.</source>
        <translation>Der Listenname „%1“ ist länger als 100 Zeichen.</translation>
    </message>
    <message>
        <source>The tag name &quot;%1&quot; contains a control character.</source>
        <translation>Der Tag-Name „%1“ enthält ein Steuerzeichen.</translation>
    </message>
    <message>
        <source>The list name &quot;%1&quot; contains a control character.</source>
        <translation>Der Listenname „%1“ enthält ein Steuerzeichen.</translation>
    </message>
    <message>
        <source>There is no tag named &quot;%1&quot;.</source>
        <translation>Es gibt keinen Tag namens „%1“.</translation>
    </message>
    <message>
        <source>There is no list named &quot;%1&quot;.</source>
        <translation>Es gibt keine Liste namens „%1“.</translation>
    </message>
    <message>
        <source>A tag named &quot;%1&quot; already exists.</source>
        <translation>Einen Tag namens „%1“ gibt es bereits.</translation>
    </message>
    <message>
        <source>A list named &quot;%1&quot; already exists.</source>
        <translation>Eine Liste namens „%1“ gibt es bereits.</translation>
    </message>
    <message>
        <source>The list &quot;%1&quot; contains a comma; lists are separated by commas.</source>
        <translation>Die Liste „%1“ enthält ein Komma; Listen werden durch Kommas getrennt.</translation>
    </message>
</context>
<context>
    <name>HeaderEncoding</name>
    <message>
        <source>&quot;%1&quot; cannot be used as an email address: %2</source>
        <translation>„%1“ kann nicht als E-Mail-Adresse verwendet werden: %2</translation>
    </message>
    <message>
        <source>The %1 header needs at least one address.</source>
        <translation>Das Headerfeld %1 braucht mindestens eine Adresse.</translation>
    </message>
    <message>
        <source>%1 header: %2</source>
        <translation>Headerfeld %1: %2</translation>
    </message>
    <message>
        <source>An email address is required.</source>
        <translation>Eine E-Mail-Adresse ist erforderlich.</translation>
    </message>
    <message>
        <source>it holds a space or a control character.</source>
        <translation>sie enthält ein Leerzeichen oder ein Steuerzeichen.</translation>
    </message>
    <message>
        <source>it is not of the form name@domain.</source>
        <translation>sie hat nicht die Form name@domain.</translation>
    </message>
    <message>
        <source>the part before the @ has non-ASCII characters.</source>
        <translation>der Teil vor dem @ enthält Nicht-ASCII-Zeichen.</translation>
    </message>
    <message>
        <source>the part before the @ is invalid.</source>
        <translation>der Teil vor dem @ ist ungültig.</translation>
    </message>
    <message>
        <source>the domain is not a valid domain name.</source>
        <translation>die Domain ist kein gültiger Domainname.</translation>
    </message>
    <message>
        <source>it is longer than 254 characters.</source>
        <translation>sie ist länger als 254 Zeichen.</translation>
    </message>
</context>
<context>
    <name>ImportFilePage</name>
    <message>
        <source>Choose a File</source>
        <translation>Datei wählen</translation>
    </message>
    <message>
        <source>Contacts from Excel, Google Contacts, Outlook, Apple Contacts or a phone: CSV or text files with any delimiter, or vCard files (.vcf).</source>
        <translation>Kontakte aus Excel, Google Kontakte, Outlook, Apple Kontakte oder einem Telefon: CSV- oder Textdateien mit beliebigem Trennzeichen oder vCard-Dateien (.vcf).</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;Datei:</translation>
    </message>
    <message>
        <source>contacts.csv</source>
        <translation>kontakte.csv</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <source>Nothing is changed until you confirm the summary at the last step, and then the whole file is imported at once or not at all.</source>
        <translation>Nichts wird geändert, bevor Sie im letzten Schritt die Zusammenfassung bestätigen, und dann wird die ganze Datei auf einmal importiert oder gar nicht.</translation>
    </message>
    <message>
        <source>Import Contacts</source>
        <translation>Kontakte importieren</translation>
    </message>
    <message>
        <source>Contact files (*.csv *.txt *.tsv *.vcf *.vcard);;CSV files (*.csv);;Text files (*.txt *.tsv);;vCard files (*.vcf *.vcard);;All files (*)</source>
        <translation>Kontaktdateien (*.csv *.txt *.tsv *.vcf *.vcard);;CSV-Dateien (*.csv);;Textdateien (*.txt *.tsv);;vCard-Dateien (*.vcf *.vcard);;Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>ImportFormatPage</name>
    <message>
        <source>Comma ( , )</source>
        <translation>Komma ( , )</translation>
    </message>
    <message>
        <source>Semicolon ( ; )</source>
        <translation>Semikolon ( ; )</translation>
    </message>
    <message>
        <source>Tab</source>
        <translation>Tabulator</translation>
    </message>
    <message>
        <source>Vertical bar ( | )</source>
        <translation>Senkrechter Strich ( | )</translation>
    </message>
    <message>
        <source>Check How the File Reads</source>
        <translation>Prüfen, wie die Datei gelesen wird</translation>
    </message>
    <message>
        <source>Mailroom detected the encoding, the delimiter and the header row. If the preview looks wrong, change them here.</source>
        <translation>Mailroom hat die Kodierung, das Trennzeichen und die Kopfzeile erkannt. Wenn die Vorschau falsch aussieht, ändern Sie sie hier.</translation>
    </message>
    <message>
        <source>Detected</source>
        <translation>Erkannt</translation>
    </message>
    <message>
        <source>&amp;Encoding:</source>
        <translation>&amp;Kodierung:</translation>
    </message>
    <message>
        <source>&amp;Delimiter:</source>
        <translation>&amp;Trennzeichen:</translation>
    </message>
    <message>
        <source>The first row is a &amp;header (column names)</source>
        <translation>Die erste Zeile ist eine &amp;Kopfzeile (Spaltennamen)</translation>
    </message>
    <message>
        <source>The first rows of the file</source>
        <translation>Die ersten Zeilen der Datei</translation>
    </message>
    <message>
        <source>Reading the start of the file…</source>
        <translation>Der Anfang der Datei wird gelesen…</translation>
    </message>
    <message>
        <source>Detected (%1)</source>
        <translation>Erkannt (%1)</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %Ln column(s) · the first %2 rows are shown.</source>
        <translation>
            <numerusform>%1 · %Ln Spalte · die ersten %2 Zeilen werden gezeigt.</numerusform>
            <numerusform>%1 · %Ln Spalten · die ersten %2 Zeilen werden gezeigt.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 · a vCard file: each card is one contact. The first %2 cards are shown.</source>
        <translation>%1 · eine vCard-Datei: Jede Karte ist ein Kontakt. Die ersten %2 Karten werden gezeigt.</translation>
    </message>
</context>
<context>
    <name>ImportMappingPage</name>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Zahl</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Yes/no</source>
        <translation>Ja/Nein</translation>
    </message>
    <message>
        <source>Map the Columns</source>
        <translation>Spalten zuordnen</translation>
    </message>
    <message>
        <source>Choose where each column of the file goes. The rows below show the first contacts as they will be stored, and what is wrong with them.</source>
        <translation>Wählen Sie, wohin jede Spalte der Datei gehört. Die Zeilen unten zeigen die ersten Kontakte so, wie sie gespeichert werden, und was an ihnen falsch ist.</translation>
    </message>
    <message>
        <source>File column</source>
        <translation>Spalte der Datei</translation>
    </message>
    <message>
        <source>Sample values</source>
        <translation>Beispielwerte</translation>
    </message>
    <message>
        <source>Import as</source>
        <translation>Importieren als</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Columns of the file and where they go</source>
        <translation>Spalten der Datei und wohin sie gehören</translation>
    </message>
    <message>
        <source>The first contacts as they will be imported</source>
        <translation>Die ersten Kontakte, wie sie importiert werden</translation>
    </message>
    <message>
        <source>Phone numbers without a country code are from:</source>
        <translation>Telefonnummern ohne Ländervorwahl stammen aus:</translation>
    </message>
    <message>
        <source>Nowhere: keep them as written</source>
        <translation>Nirgendwo: so lassen, wie sie geschrieben sind</translation>
    </message>
    <message>
        <source>&amp;Save Mapping…</source>
        <translation>Zuordnung &amp;speichern…</translation>
    </message>
    <message>
        <source>&amp;Load Mapping…</source>
        <translation>Zuordnung &amp;laden…</translation>
    </message>
    <message>
        <source>Import %1 as</source>
        <translation>%1 importieren als</translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation>Ignorieren</translation>
    </message>
    <message>
        <source>Full name (first and last)</source>
        <translation>Vollständiger Name (Vor- und Nachname)</translation>
    </message>
    <message>
        <source>Custom field…</source>
        <translation>Eigenes Feld…</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>Lists</source>
        <translation>Listen</translation>
    </message>
    <message>
        <source>Field name</source>
        <translation>Feldname</translation>
    </message>
    <message>
        <source>The character between two names in one cell</source>
        <translation>Das Zeichen zwischen zwei Namen in einer Zelle</translation>
    </message>
    <message>
        <source>separated by</source>
        <translation>getrennt durch</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Probleme</translation>
    </message>
    <message>
        <source>No rows to preview.</source>
        <translation>Keine Zeilen für die Vorschau.</translation>
    </message>
    <message numerus="yes">
        <source>The first %Ln row(s) as they will be imported: no problems.</source>
        <translation>
            <numerusform>Die erste Zeile, wie sie importiert wird: keine Probleme.</numerusform>
            <numerusform>Die ersten %Ln Zeilen, wie sie importiert werden: keine Probleme.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The first %1 rows as they will be imported: %Ln row(s) with problems will not be imported (hover over a row to see why).</source>
        <translation>
            <numerusform>Die ersten %1 Zeilen, wie sie importiert werden: %Ln Zeile mit Problemen wird nicht importiert (zeigen Sie mit der Maus auf eine Zeile, um den Grund zu sehen).</numerusform>
            <numerusform>Die ersten %1 Zeilen, wie sie importiert werden: %Ln Zeilen mit Problemen werden nicht importiert (zeigen Sie mit der Maus auf eine Zeile, um den Grund zu sehen).</numerusform>
        </translation>
    </message>
    <message>
        <source>Save Mapping</source>
        <translation>Zuordnung speichern</translation>
    </message>
    <message>
        <source>Column mappings (*.json);;All files (*)</source>
        <translation>Spaltenzuordnungen (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Load Mapping</source>
        <translation>Zuordnung laden</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 is not a saved mapping: %2</source>
        <translation>%1 ist keine gespeicherte Zuordnung: %2</translation>
    </message>
</context>
<context>
    <name>ImportOptionsPage</name>
    <message>
        <source>Options</source>
        <translation>Optionen</translation>
    </message>
    <message>
        <source>Where the contacts go, and what happens to people who are already in the workspace.</source>
        <translation>Wohin die Kontakte gehen und was mit Personen geschieht, die schon im Arbeitsbereich sind.</translation>
    </message>
    <message>
        <source>Add everyone to the &amp;list:</source>
        <translation>Alle zur &amp;Liste hinzufügen:</translation>
    </message>
    <message>
        <source>Pick a list or type a new name; leave empty to add to no list</source>
        <translation>Wählen Sie eine Liste oder geben Sie einen neuen Namen ein; leer lassen für keine Liste</translation>
    </message>
    <message>
        <source>And &amp;tag everyone with:</source>
        <translation>Und alle &amp;taggen mit:</translation>
    </message>
    <message>
        <source>fair-2024, imported (separated by commas)</source>
        <translation>messe-2024, importiert (durch Kommas getrennt)</translation>
    </message>
    <message>
        <source>When an email address is already in the workspace</source>
        <translation>Wenn eine E-Mail-Adresse schon im Arbeitsbereich ist</translation>
    </message>
    <message>
        <source>&amp;Skip the row</source>
        <translation>Zeile über&amp;springen</translation>
    </message>
    <message>
        <source>The contact stays as it is; only the list and tags above are added.</source>
        <translation>Der Kontakt bleibt, wie er ist; nur die Liste und die Tags oben kommen hinzu.</translation>
    </message>
    <message>
        <source>&amp;Fill empty fields</source>
        <translation>Leere Felder &amp;füllen</translation>
    </message>
    <message>
        <source>Values from the file go only into fields the contact has left empty.</source>
        <translation>Werte aus der Datei kommen nur in Felder, die beim Kontakt leer sind.</translation>
    </message>
    <message>
        <source>&amp;Overwrite</source>
        <translation>Ü&amp;berschreiben</translation>
    </message>
    <message>
        <source>Every non-empty value in the file replaces what the contact has.</source>
        <translation>Jeder nicht leere Wert aus der Datei ersetzt den des Kontakts.</translation>
    </message>
    <message>
        <source>Unsubscribed, bounced and complained contacts keep their status whatever the file says.</source>
        <translation>Abgemeldete, unzustellbare und beschwerte Kontakte behalten ihren Status, was auch immer in der Datei steht.</translation>
    </message>
    <message>
        <source>&amp;Error report:</source>
        <translation>&amp;Fehlerbericht:</translation>
    </message>
    <message>
        <source>Rows that cannot be imported are written here with the line number and the reason, to fix and import again</source>
        <translation>Zeilen, die nicht importiert werden können, werden hier mit Zeilennummer und Grund gespeichert, zum Korrigieren und erneuten Importieren</translation>
    </message>
    <message>
        <source>Bro&amp;wse…</source>
        <translation>Durch&amp;suchen…</translation>
    </message>
    <message>
        <source>Error Report</source>
        <translation>Fehlerbericht</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV-Dateien (*.csv);;Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>ImportRunPage</name>
    <message>
        <source>Review and Import</source>
        <translation>Prüfen und importieren</translation>
    </message>
    <message>
        <source>The file is read and checked in full. Nothing is kept until you click Import.</source>
        <translation>Die Datei wird vollständig gelesen und geprüft. Nichts wird behalten, bevor Sie auf Importieren klicken.</translation>
    </message>
    <message>
        <source>Rows read:</source>
        <translation>Gelesene Zeilen:</translation>
    </message>
    <message>
        <source>New contacts:</source>
        <translation>Neue Kontakte:</translation>
    </message>
    <message>
        <source>Updated contacts:</source>
        <translation>Aktualisierte Kontakte:</translation>
    </message>
    <message>
        <source>Unchanged contacts:</source>
        <translation>Unveränderte Kontakte:</translation>
    </message>
    <message>
        <source>Invalid rows (not imported):</source>
        <translation>Ungültige Zeilen (nicht importiert):</translation>
    </message>
    <message>
        <source>Duplicates within the file:</source>
        <translation>Doppelte innerhalb der Datei:</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Rows that will not be imported</source>
        <translation>Zeilen, die nicht importiert werden</translation>
    </message>
    <message>
        <source>&amp;Open Error Report</source>
        <translation>Fehlerbericht ö&amp;ffnen</translation>
    </message>
    <message>
        <source>Waiting for the previous run to stop…</source>
        <translation>Warten, bis der vorige Durchlauf beendet ist…</translation>
    </message>
    <message>
        <source>Another change is running in the window. Wait until it has finished, then go back and try again.</source>
        <translation>Im Fenster läuft eine andere Änderung. Warten Sie, bis sie fertig ist, gehen Sie dann zurück und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Reading and checking %1…</source>
        <translation>%1 wird gelesen und geprüft…</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Wird importiert…</translation>
    </message>
    <message>
        <source>%1 rows · %2 of %3 · %4 rows/s</source>
        <translation>%1 Zeilen · %2 von %3 · %4 Zeilen/s</translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) matched unsubscribed contacts and were left unsubscribed.</source>
        <translation>
            <numerusform>%Ln Zeile passte zu einem abgemeldeten Kontakt, der abgemeldet blieb.</numerusform>
            <numerusform>%Ln Zeilen passten zu abgemeldeten Kontakten, die abgemeldet blieben.</numerusform>
        </translation>
    </message>
    <message>
        <source>New custom fields: %1</source>
        <translation>Neue eigene Felder: %1</translation>
    </message>
    <message>
        <source>Checked in full. This file would not add or change any contact.</source>
        <translation>Vollständig geprüft. Diese Datei würde keinen Kontakt hinzufügen oder ändern.</translation>
    </message>
    <message>
        <source>Checked in full. Click Import to keep it.</source>
        <translation>Vollständig geprüft. Klicken Sie auf Importieren, um sie zu behalten.</translation>
    </message>
    <message>
        <source>The import failed; nothing was changed. %1</source>
        <translation>Der Import ist fehlgeschlagen; nichts wurde geändert. %1</translation>
    </message>
    <message>
        <source>Cancelled: nothing was changed.</source>
        <translation>Abgebrochen: Nichts wurde geändert.</translation>
    </message>
    <message numerus="yes">
        <source>Checked in full. Click Import to keep the valid rows; %Ln row(s) will be left out.</source>
        <translation>
            <numerusform>Vollständig geprüft. Klicken Sie auf Importieren, um die gültigen Zeilen zu behalten; %Ln Zeile wird ausgelassen.</numerusform>
            <numerusform>Vollständig geprüft. Klicken Sie auf Importieren, um die gültigen Zeilen zu behalten; %Ln Zeilen werden ausgelassen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Every row is read; updating the search index…</source>
        <translation>Alle Zeilen sind gelesen; der Suchindex wird aktualisiert…</translation>
    </message>
    <message>
        <source>Imported, but: %1</source>
        <translation>Importiert, aber: %1</translation>
    </message>
</context>
<context>
    <name>ImportSource</name>
    <message>
        <source>%1 is a spreadsheet workbook, not a CSV file: save it as CSV (UTF-8) from your spreadsheet program and import that.</source>
        <translation>%1 ist eine Tabellenkalkulationsmappe, keine CSV-Datei: Speichern Sie sie in Ihrem Tabellenprogramm als CSV (UTF-8) und importieren Sie diese.</translation>
    </message>
    <message>
        <source>%1 does not exist or is not a file.</source>
        <translation>%1 existiert nicht oder ist keine Datei.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Column %1</source>
        <translation>Spalte %1</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>Kategorien</translation>
    </message>
    <message>
        <source>The row has %1 fields where the header has %2.</source>
        <translation>Die Zeile hat %1 Felder, die Kopfzeile aber %2.</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>Import Contacts</source>
        <translation>Kontakte importieren</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importieren</translation>
    </message>
</context>
<context>
    <name>Keychain</name>
    <message>
        <source>No keychain is available on this computer (%1).</source>
        <translation>Auf diesem Computer ist kein Schlüsselbund verfügbar (%1).</translation>
    </message>
    <message>
        <source>The keychain refused access (%1).</source>
        <translation>Der Schlüsselbund hat den Zugriff verweigert (%1).</translation>
    </message>
    <message>
        <source>The keychain holds no entry &apos;%1&apos;.</source>
        <translation>Der Schlüsselbund enthält keinen Eintrag „%1“.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Mailroom workspaces (*.mailroom);;All files (*)</source>
        <translation>Mailroom-Arbeitsbereiche (*.mailroom);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Mailroom</source>
        <translation>Mailroom</translation>
    </message>
    <message>
        <source>Loading</source>
        <translation>Wird geladen</translation>
    </message>
    <message>
        <source>Cancelled: nothing was changed.</source>
        <translation>Abgebrochen: nichts wurde geändert.</translation>
    </message>
    <message>
        <source>&amp;New Workspace…</source>
        <translation>&amp;Neuer Arbeitsbereich…</translation>
    </message>
    <message>
        <source>&amp;Open Workspace…</source>
        <translation>Arbeitsbereich ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>&amp;Suchen…</translation>
    </message>
    <message>
        <source>Select &amp;All Contacts</source>
        <translation>&amp;Alle Kontakte auswählen</translation>
    </message>
    <message>
        <source>&amp;Columns…</source>
        <translation>&amp;Spalten…</translation>
    </message>
    <message>
        <source>&amp;New Contact</source>
        <translation>&amp;Neuer Kontakt</translation>
    </message>
    <message>
        <source>Add a contact (%1)</source>
        <translation>Einen Kontakt hinzufügen (%1)</translation>
    </message>
    <message>
        <source>&amp;Save Contact</source>
        <translation>Kontakt &amp;speichern</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>Delete the selected contacts (Del)</source>
        <translation>Die ausgewählten Kontakte löschen (Entf)</translation>
    </message>
    <message>
        <source>Add &amp;Tag…</source>
        <translation>&amp;Tag hinzufügen…</translation>
    </message>
    <message>
        <source>Tag the selected contacts</source>
        <translation>Die ausgewählten Kontakte taggen</translation>
    </message>
    <message>
        <source>&amp;Remove Tag…</source>
        <translation>Tag &amp;entfernen…</translation>
    </message>
    <message>
        <source>Add to &amp;List…</source>
        <translation>Zur &amp;Liste hinzufügen…</translation>
    </message>
    <message>
        <source>Add the selected contacts to a list</source>
        <translation>Die ausgewählten Kontakte zu einer Liste hinzufügen</translation>
    </message>
    <message>
        <source>Remove &amp;from List…</source>
        <translation>&amp;Aus Liste entfernen…</translation>
    </message>
    <message>
        <source>Set &amp;Status</source>
        <translation>&amp;Status setzen</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Contacts</source>
        <translation>&amp;Kontakte</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Kontakte</translation>
    </message>
    <message>
        <source>Lists, tags and statuses</source>
        <translation>Listen, Tags und Status</translation>
    </message>
    <message>
        <source>Search names, email, company, tags and notes (Ctrl+F)</source>
        <translation>Namen, E-Mail, Firma, Tags und Notizen durchsuchen (Strg+F)</translation>
    </message>
    <message>
        <source>Search contacts</source>
        <translation>Kontakte durchsuchen</translation>
    </message>
    <message>
        <source>%1 is already in this workspace.</source>
        <translation>%1 ist bereits in diesem Arbeitsbereich.</translation>
    </message>
    <message>
        <source>%1 is already in this workspace as %2.</source>
        <translation>%1 ist bereits in diesem Arbeitsbereich, als %2.</translation>
    </message>
    <message>
        <source>A change is still running. Cancel it and quit? Nothing of it will be kept.</source>
        <translation>Eine Änderung läuft noch. Abbrechen und beenden? Von ihr bleibt dann nichts erhalten.</translation>
    </message>
    <message>
        <source>Open Workspace</source>
        <translation>Arbeitsbereich öffnen</translation>
    </message>
    <message>
        <source>Wait until the running change has finished.</source>
        <translation>Warten Sie, bis die laufende Änderung fertig ist.</translation>
    </message>
    <message>
        <source>Cannot Open Workspace</source>
        <translation>Arbeitsbereich kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>New Workspace</source>
        <translation>Neuer Arbeitsbereich</translation>
    </message>
    <message>
        <source>Cannot Create Workspace</source>
        <translation>Arbeitsbereich kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>Cannot Create the Demo Workspace</source>
        <translation>Demo-Arbeitsbereich kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>Making a demo workspace with %L1 sample contacts…</source>
        <translation>Ein Demo-Arbeitsbereich mit %L1 Beispielkontakten wird angelegt…</translation>
    </message>
    <message>
        <source>%1 — Mailroom</source>
        <translation>%1 — Mailroom</translation>
    </message>
    <message>
        <source>Unsaved Changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <source>Save your changes to %1?</source>
        <translation>Ihre Änderungen an %1 speichern?</translation>
    </message>
    <message>
        <source>the new contact</source>
        <translation>dem neuen Kontakt</translation>
    </message>
    <message>
        <source>Cannot Add Contact</source>
        <translation>Kontakt kann nicht hinzugefügt werden</translation>
    </message>
    <message>
        <source>Added %1.</source>
        <translation>%1 hinzugefügt.</translation>
    </message>
    <message>
        <source>Cannot Save Contact</source>
        <translation>Kontakt kann nicht gespeichert werden</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>%1 gespeichert.</translation>
    </message>
    <message>
        <source>Add Tag</source>
        <translation>Tag hinzufügen</translation>
    </message>
    <message>
        <source>Remove Tag</source>
        <translation>Tag entfernen</translation>
    </message>
    <message>
        <source>Tag the selected contacts with:</source>
        <translation>Die ausgewählten Kontakte taggen mit:</translation>
    </message>
    <message>
        <source>Remove this tag from the selected contacts:</source>
        <translation>Diesen Tag von den ausgewählten Kontakten entfernen:</translation>
    </message>
    <message>
        <source>Add to List</source>
        <translation>Zur Liste hinzufügen</translation>
    </message>
    <message>
        <source>Remove from List</source>
        <translation>Aus Liste entfernen</translation>
    </message>
    <message>
        <source>Add the selected contacts to the list:</source>
        <translation>Die ausgewählten Kontakte zu dieser Liste hinzufügen:</translation>
    </message>
    <message>
        <source>Remove the selected contacts from the list:</source>
        <translation>Die ausgewählten Kontakte aus dieser Liste entfernen:</translation>
    </message>
    <message>
        <source>&amp;Undo %1</source>
        <translation>&amp;Rückgängig: %1</translation>
    </message>
    <message>
        <source>&amp;Redo %1</source>
        <translation>&amp;Wiederholen: %1</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <source>No workspace open</source>
        <translation>Kein Arbeitsbereich geöffnet</translation>
    </message>
    <message numerus="yes">
        <source>%Ln contact(s)</source>
        <translation>
            <numerusform>%Ln Kontakt</numerusform>
            <numerusform>%Ln Kontakte</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Newest First</source>
        <translation>&amp;Neueste zuerst</translation>
    </message>
    <message>
        <source>Save Contact</source>
        <translation>Kontakt speichern</translation>
    </message>
    <message>
        <source>Wait until the running change has finished, then save again. Your edit is kept.</source>
        <translation>Warten Sie, bis die laufende Änderung abgeschlossen ist, und speichern Sie dann erneut. Ihre Eingaben bleiben erhalten.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>&amp;Import Contacts…</source>
        <translation>Kontakte &amp;importieren…</translation>
    </message>
    <message>
        <source>Import contacts from a CSV or vCard file (Ctrl+Shift+I)</source>
        <translation>Kontakte aus einer CSV- oder vCard-Datei importieren (Strg+Umschalt+I)</translation>
    </message>
    <message>
        <source>&amp;Export Contacts…</source>
        <translation>Kontakte &amp;exportieren…</translation>
    </message>
    <message>
        <source>Export contacts to a CSV or vCard file (Ctrl+Shift+E)</source>
        <translation>Kontakte in eine CSV- oder vCard-Datei exportieren (Strg+Umschalt+E)</translation>
    </message>
    <message numerus="yes">
        <source>Imported: %Ln new contact(s)</source>
        <translation>
            <numerusform>Importiert: %Ln neuer Kontakt</numerusform>
            <numerusform>Importiert: %Ln neue Kontakte</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %Ln updated</source>
        <translation>
            <numerusform>, %Ln aktualisiert</numerusform>
            <numerusform>, %Ln aktualisiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %Ln invalid row(s) not imported</source>
        <translation>
            <numerusform>, %Ln ungültige Zeile nicht importiert</numerusform>
            <numerusform>, %Ln ungültige Zeilen nicht importiert</numerusform>
        </translation>
    </message>
    <message>
        <source>the list “%1”</source>
        <translation>die Liste „%1“</translation>
    </message>
    <message>
        <source>the tag “%1”</source>
        <translation>das Tag „%1“</translation>
    </message>
    <message>
        <source>the contacts with status “%1”</source>
        <translation>die Kontakte mit Status „%1“</translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln contact(s) to %1.</source>
        <translation>
            <numerusform>%Ln Kontakt nach %1 exportiert.</numerusform>
            <numerusform>%Ln Kontakte nach %1 exportiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>This workspace has no contacts yet.
Import them from a spreadsheet, Google Contacts, Outlook or a phone, or add them one by one.</source>
        <translation>Dieser Arbeitsbereich hat noch keine Kontakte.
Importieren Sie sie aus einer Tabelle, Google Kontakte, Outlook oder einem Telefon, oder fügen Sie sie einzeln hinzu.</translation>
    </message>
    <message>
        <source>C&amp;ampaigns</source>
        <translation>K&amp;ampagnen</translation>
    </message>
    <message>
        <source>&amp;Sender Settings…</source>
        <translation>&amp;Absender-Einstellungen…</translation>
    </message>
    <message>
        <source>&amp;DKIM Keys…</source>
        <translation>&amp;DKIM-Schlüssel…</translation>
    </message>
    <message>
        <source>S&amp;egments…</source>
        <translation>S&amp;egmente…</translation>
    </message>
    <message>
        <source>Su&amp;ppression List…</source>
        <translation>&amp;Sperrliste…</translation>
    </message>
    <message>
        <source>Sender &amp;Accounts…</source>
        <translation>Absenderk&amp;onten…</translation>
    </message>
    <message>
        <source>&amp;Outbox…</source>
        <translation>&amp;Postausgang…</translation>
    </message>
    <message>
        <source>What is being sent, to whom, and when it will finish</source>
        <translation>Was gesendet wird, an wen, und wann es fertig ist</translation>
    </message>
</context>
<context>
    <name>MergeTemplate</name>
    <message>
        <source>line %1: %2 is not a contact field.</source>
        <translation>Zeile %1: %2 ist kein Kontaktfeld.</translation>
    </message>
    <message>
        <source>line %1: %2 is %3, which is not a date: the date filter needs a date such as 2024-03-31 or 2024-03-31T14:30.</source>
        <translation>Zeile %1: %2 ist %3, und das ist kein Datum: Der Filter date braucht ein Datum wie 2024-03-31 oder 2024-03-31T14:30.</translation>
    </message>
    <message>
        <source>line 1, column 1: the template is longer than %1 characters.</source>
        <translation>Zeile 1, Spalte 1: Die Vorlage ist länger als %1 Zeichen.</translation>
    </message>
    <message>
        <source>Did you mean %1?</source>
        <translation>Meinten Sie %1?</translation>
    </message>
    <message>
        <source>{{ is not closed: end the tag with }}.</source>
        <translation>{{ wird nicht geschlossen: Beenden Sie den Tag mit }}.</translation>
    </message>
    <message>
        <source>{% is not closed: end the tag with %}.</source>
        <translation>{% wird nicht geschlossen: Beenden Sie den Tag mit %}.</translation>
    </message>
    <message>
        <source>{{ }} has no field name in it.</source>
        <translation>In {{ }} steht kein Feldname.</translation>
    </message>
    <message>
        <source>a field name such as first_name should follow {{.</source>
        <translation>Auf {{ sollte ein Feldname wie first_name folgen.</translation>
    </message>
    <message>
        <source>field names are made of letters, digits, _ and ., and a filter follows a |.</source>
        <translation>Feldnamen bestehen aus Buchstaben, Ziffern, _ und ., und ein Filter steht hinter einem |.</translation>
    </message>
    <message>
        <source>a filter (default, upper, lower, capitalize or date) should follow |.</source>
        <translation>Auf | sollte ein Filter folgen (default, upper, lower, capitalize oder date).</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a filter: use default, upper, lower, capitalize or date.</source>
        <translation>„%1“ ist kein Filter: Verwenden Sie default, upper, lower, capitalize oder date.</translation>
    </message>
    <message>
        <source>the %1 filter takes no value.</source>
        <translation>Der Filter %1 nimmt keinen Wert.</translation>
    </message>
    <message>
        <source>the value in quotes is not closed on its line.</source>
        <translation>Der Wert in Anführungszeichen wird in seiner Zeile nicht geschlossen.</translation>
    </message>
    <message>
        <source>the %1 filter needs a value in quotes after the colon, e.g. %1: &quot;%2&quot;.</source>
        <translation>Der Filter %1 braucht nach dem Doppelpunkt einen Wert in Anführungszeichen, z. B. %1: &quot;%2&quot;.</translation>
    </message>
    <message>
        <source>the %1 filter needs a value in quotes, e.g. %1: &quot;%2&quot;.</source>
        <translation>Der Filter %1 braucht einen Wert in Anführungszeichen, z. B. %1: &quot;%2&quot;.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a date format code: use %Y %m %d %e %B %b %A %a %H %M or %% for a %.</source>
        <translation>„%1“ ist kein Datumsformat-Code: Verwenden Sie %Y %m %d %e %B %b %A %a %H %M oder %% für ein %.</translation>
    </message>
    <message>
        <source>{% %} has no if, else or endif in it.</source>
        <translation>In {% %} steht kein if, else oder endif.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a tag: use if, else or endif.</source>
        <translation>„%1“ ist kein Tag: Verwenden Sie if, else oder endif.</translation>
    </message>
    <message>
        <source>if, else or endif should follow {%.</source>
        <translation>Auf {% sollte if, else oder endif folgen.</translation>
    </message>
    <message>
        <source>{% %1 %} takes nothing else.</source>
        <translation>{% %1 %} nimmt nichts weiter.</translation>
    </message>
    <message>
        <source>{% else %} has no {% if %} before it.</source>
        <translation>Vor {% else %} steht kein {% if %}.</translation>
    </message>
    <message>
        <source>{% else %} is the second one of the %1 on line %2.</source>
        <translation>{% else %} ist das zweite zu %1 in Zeile %2.</translation>
    </message>
    <message>
        <source>{% endif %} has no {% if %} before it.</source>
        <translation>Vor {% endif %} steht kein {% if %}.</translation>
    </message>
    <message>
        <source>{% if %} needs a field name, e.g. {% if first_name %}.</source>
        <translation>{% if %} braucht einen Feldnamen, z. B. {% if first_name %}.</translation>
    </message>
    <message>
        <source>a field name such as first_name should follow if.</source>
        <translation>Auf if sollte ein Feldname wie first_name folgen.</translation>
    </message>
    <message>
        <source>{% if %} tests one field: it is true when the field is not empty.</source>
        <translation>{% if %} prüft ein Feld: Es ist wahr, wenn das Feld nicht leer ist.</translation>
    </message>
    <message>
        <source>%1 is not closed: add {% endif %} where its part ends.</source>
        <translation>%1 wird nicht geschlossen: Setzen Sie {% endif %} ans Ende seines Teils.</translation>
    </message>
    <message>
        <source>line %1, column %2: %3</source>
        <translation>Zeile %1, Spalte %2: %3</translation>
    </message>
    <message>
        <source>the end of the tag</source>
        <translation>Das Ende des Tags</translation>
    </message>
    <message>
        <source>a value in quotes that is not closed on its line</source>
        <translation>Ein Wert in Anführungszeichen, der in seiner Zeile nicht geschlossen wird,</translation>
    </message>
    <message>
        <source>%1 is unexpected here: %2</source>
        <translation>%1 ist hier unerwartet: %2</translation>
    </message>
</context>
<context>
    <name>Migrations</name>
    <message>
        <source>%1 is a database, but not a Mailroom workspace.</source>
        <translation>%1 ist eine Datenbank, aber kein Mailroom-Arbeitsbereich.</translation>
    </message>
    <message>
        <source>The workspace %1 has no schema version; it is damaged.</source>
        <translation>Der Arbeitsbereich %1 hat keine Schemaversion; er ist beschädigt.</translation>
    </message>
    <message>
        <source>The workspace %1 has an unreadable schema version.</source>
        <translation>Die Schemaversion des Arbeitsbereichs %1 ist nicht lesbar.</translation>
    </message>
    <message>
        <source>The workspace %1 was made by a newer Mailroom (schema %2; this version reads up to %3). Update Mailroom to open it.</source>
        <translation>Der Arbeitsbereich %1 stammt von einem neueren Mailroom (Schema %2; diese Version liest bis %3). Aktualisieren Sie Mailroom, um ihn zu öffnen.</translation>
    </message>
</context>
<context>
    <name>MimeMessage</name>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; cannot be written in the header.</source>
        <translation>„%1“ kann nicht in den Header geschrieben werden.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a mailto address.</source>
        <translation>„%1“ ist keine mailto-Adresse.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an https:// URL.</source>
        <translation>„%1“ ist keine https://-URL.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a message id.</source>
        <translation>„%1“ ist keine Message-ID.</translation>
    </message>
    <message>
        <source>The part given to %1 is of another kind.</source>
        <translation>Der an %1 übergebene Teil hat eine andere Art.</translation>
    </message>
    <message>
        <source>the message has no valid date.</source>
        <translation>die Nachricht hat kein gültiges Datum.</translation>
    </message>
    <message>
        <source>The message has neither a text nor an HTML body.</source>
        <translation>Die Nachricht hat weder einen Text- noch einen HTML-Teil.</translation>
    </message>
    <message>
        <source>Two inline images have the Content-ID %1.</source>
        <translation>Zwei eingebettete Bilder haben die Content-ID %1.</translation>
    </message>
    <message>
        <source>Inline images need an HTML body to show them.</source>
        <translation>Eingebettete Bilder brauchen einen HTML-Teil, der sie anzeigt.</translation>
    </message>
</context>
<context>
    <name>NewDkimKeyDialog</name>
    <message>
        <source>New DKIM Key</source>
        <translation>Neuer DKIM-Schlüssel</translation>
    </message>
    <message>
        <source>&amp;Domain:</source>
        <translation>&amp;Domain:</translation>
    </message>
    <message>
        <source>The domain of your From address, such as example.com</source>
        <translation>Die Domain Ihrer Absenderadresse, etwa example.com</translation>
    </message>
    <message>
        <source>example.com</source>
        <translation>example.com</translation>
    </message>
    <message>
        <source>&amp;Selector:</source>
        <translation>&amp;Selektor:</translation>
    </message>
    <message>
        <source>The name of this key in DNS; a new key (a rotation) gets a new selector</source>
        <translation>Der Name dieses Schlüssels im DNS; ein neuer Schlüssel (ein Wechsel) bekommt einen neuen Selektor</translation>
    </message>
    <message>
        <source>&amp;Algorithm:</source>
        <translation>&amp;Algorithmus:</translation>
    </message>
    <message>
        <source>&amp;Generate</source>
        <translation>&amp;Erzeugen</translation>
    </message>
    <message>
        <source>RSA 2048 (accepted everywhere)</source>
        <translation>RSA 2048 (überall anerkannt)</translation>
    </message>
    <message>
        <source>Ed25519 (short; not all receivers check it yet)</source>
        <translation>Ed25519 (kurz; noch nicht alle Empfänger prüfen ihn)</translation>
    </message>
</context>
<context>
    <name>Outbox</name>
    <message>
        <source>Outbox row %1 cannot be recorded as %2.</source>
        <translation>Der Eintrag %1 im Postausgang kann nicht als %2 vermerkt werden.</translation>
    </message>
    <message>
        <source>The contact was deleted.</source>
        <translation>Der Kontakt wurde gelöscht.</translation>
    </message>
    <message>
        <source>The contact unsubscribed.</source>
        <translation>Der Kontakt hat sich abgemeldet.</translation>
    </message>
    <message>
        <source>The contact&apos;s address bounced.</source>
        <translation>Die Adresse des Kontakts ist unzustellbar.</translation>
    </message>
    <message>
        <source>The contact complained (marked a message as spam).</source>
        <translation>Der Kontakt hat sich beschwert (eine Nachricht als Spam markiert).</translation>
    </message>
    <message>
        <source>The address is on the suppression list.</source>
        <translation>Die Adresse steht auf der Sperrliste.</translation>
    </message>
    <message>
        <source>The address&apos;s domain is on the suppression list.</source>
        <translation>Die Domain der Adresse steht auf der Sperrliste.</translation>
    </message>
    <message>
        <source>Mailroom stopped while waiting for the server&apos;s reply to this message: it may have been delivered.</source>
        <translation>Mailroom wurde beendet, während es auf die Antwort des Servers zu dieser Nachricht wartete: Vielleicht wurde sie schon zugestellt.</translation>
    </message>
    <message>
        <source>The computer restarted while this message was being sent: it may have been delivered.</source>
        <translation>Der Computer wurde neu gestartet, während diese Nachricht gesendet wurde: Vielleicht wurde sie schon zugestellt.</translation>
    </message>
    <message>
        <source>Mailroom stopped before this message was sent: it goes out again.</source>
        <translation>Mailroom wurde beendet, bevor diese Nachricht gesendet war; sie wird noch einmal gesendet.</translation>
    </message>
    <message>
        <source>There is no outbox row %1.</source>
        <translation>Es gibt keinen Eintrag %1 im Postausgang.</translation>
    </message>
    <message>
        <source>Only unknown or failed recipients can be sent again, not %1.</source>
        <translation>Erneut senden lässt sich nur an Empfänger im Stand „Unbekannt“ oder „Fehlgeschlagen“, nicht im Stand %1.</translation>
    </message>
    <message>
        <source>Sent again at the user&apos;s request (was unknown).</source>
        <translation>Auf Ihren Wunsch erneut gesendet (war unbekannt).</translation>
    </message>
    <message>
        <source>Retried at the user&apos;s request (had failed).</source>
        <translation>Auf Ihren Wunsch erneut versucht (war fehlgeschlagen).</translation>
    </message>
    <message>
        <source>Outbox row %1 is %2, not %3.</source>
        <translation>Die Zeile %1 im Postausgang ist %2, nicht %3.</translation>
    </message>
</context>
<context>
    <name>OutboxState</name>
    <message>
        <source>Queued</source>
        <translation>Wartend</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Wird gesendet</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Gesendet</translation>
    </message>
    <message>
        <source>Deferred</source>
        <translation>Zurückgestellt</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Unbekannt</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Übersprungen</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
</context>
<context>
    <name>OutboxTableModel</name>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Stand</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Geändert</translation>
    </message>
    <message>
        <source>Server reply</source>
        <translation>Antwort des Servers</translation>
    </message>
</context>
<context>
    <name>OutboxWindow</name>
    <message>
        <source>Outbox</source>
        <translation>Postausgang</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Anhalten</translation>
    </message>
    <message>
        <source>Send nothing more until resumed</source>
        <translation>Nichts mehr senden, bis es fortgesetzt wird</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>&amp;Fortsetzen</translation>
    </message>
    <message>
        <source>&amp;Cancel Campaign…</source>
        <translation>Kampagne a&amp;bbrechen…</translation>
    </message>
    <message>
        <source>Cancel Campaign</source>
        <translation>Kampagne abbrechen</translation>
    </message>
    <message>
        <source>Retry &amp;Failed</source>
        <translation>&amp;Fehlgeschlagene erneut versuchen</translation>
    </message>
    <message>
        <source>Put every recipient whose server refused the message back in the queue</source>
        <translation>Alle Empfänger, deren Server die Nachricht abgelehnt hat, wieder in die Warteschlange stellen</translation>
    </message>
    <message>
        <source>Resend &amp;Unknown…</source>
        <translation>&amp;Unbekannte erneut senden…</translation>
    </message>
    <message>
        <source>Resend Unknown</source>
        <translation>Unbekannte erneut senden</translation>
    </message>
    <message>
        <source>Send again to the recipients whose message may or may not have gone</source>
        <translation>Erneut an die Empfänger senden, deren Nachricht vielleicht schon angekommen ist</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>A&amp;ktualisieren</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>S&amp;chließen</translation>
    </message>
    <message>
        <source>C&amp;ampaign:</source>
        <translation>K&amp;ampagne:</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>Sent in 24 hours</source>
        <translation>Gesendet in 24 Stunden</translation>
    </message>
    <message>
        <source>Last minute</source>
        <translation>Letzte Minute</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>Jetzt</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>Konten</translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation>&amp;Zeigen:</translation>
    </message>
    <message>
        <source>Every recipient</source>
        <translation>Alle Empfänger</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Empfänger</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Stand</translation>
    </message>
    <message>
        <source>Server reply</source>
        <translation>Antwort des Servers</translation>
    </message>
    <message>
        <source>The selected recipient&apos;s attempts</source>
        <translation>Die Versuche des gewählten Empfängers</translation>
    </message>
    <message>
        <source>Outbox — %1</source>
        <translation>Postausgang — %1</translation>
    </message>
    <message>
        <source>%1: %L2</source>
        <translation>%1: %L2</translation>
    </message>
    <message>
        <source>%L1 messages in the last minute, of %L2 recipients in all.</source>
        <translation>%L1 Nachrichten in der letzten Minute, von insgesamt %L2 Empfängern.</translation>
    </message>
    <message>
        <source>%L1 of %L2</source>
        <translation>%L1 von %L2</translation>
    </message>
    <message>
        <source>Resting until %1: %2</source>
        <translation>Pausiert bis %1: %2</translation>
    </message>
    <message>
        <source>May send %L1 now</source>
        <translation>Darf jetzt %L1 senden</translation>
    </message>
    <message>
        <source>Out of quota until %1</source>
        <translation>Kontingent erschöpft bis %1</translation>
    </message>
    <message>
        <source>Cancel “%1”? The %L2 recipients still waiting will not get it. This cannot be undone.</source>
        <translation>„%1“ abbrechen? Die %L2 noch wartenden Empfänger bekommen sie nicht. Das lässt sich nicht rückgängig machen.</translation>
    </message>
    <message numerus="yes">
        <source>These %Ln people may get the message twice: their server may have accepted it before the connection or Mailroom stopped. Send it to them again?</source>
        <translation>
            <numerusform>Diese Person bekommt die Nachricht vielleicht zweimal: Ihr Server hat sie womöglich angenommen, bevor die Verbindung oder Mailroom abbrach. Erneut senden?</numerusform>
            <numerusform>Diese %Ln Personen bekommen die Nachricht vielleicht zweimal: Ihr Server hat sie womöglich angenommen, bevor die Verbindung oder Mailroom abbrach. Erneut an sie senden?</numerusform>
        </translation>
    </message>
    <message>
        <source>Paused.</source>
        <translation>Angehalten.</translation>
    </message>
    <message>
        <source>Resumed.</source>
        <translation>Fortgesetzt.</translation>
    </message>
    <message numerus="yes">
        <source>Cancelled: %Ln recipient(s) will not get it.</source>
        <translation>
            <numerusform>Abgebrochen: %Ln Empfänger bekommt sie nicht.</numerusform>
            <numerusform>Abgebrochen: %Ln Empfänger bekommen sie nicht.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipient(s) back in the queue.</source>
        <translation>
            <numerusform>%Ln Empfänger wieder in der Warteschlange.</numerusform>
            <numerusform>%Ln Empfänger wieder in der Warteschlange.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PassphraseSource</name>
    <message>
        <source>No passphrase on standard input: it is empty.</source>
        <translation>Keine Passphrase auf der Standardeingabe: Sie ist leer.</translation>
    </message>
    <message>
        <source>The passphrase on standard input is longer than 4096 bytes.</source>
        <translation>Die Passphrase auf der Standardeingabe ist länger als 4096 Byte.</translation>
    </message>
    <message>
        <source>No passphrase on standard input: its first line is empty.</source>
        <translation>Keine Passphrase auf der Standardeingabe: Ihre erste Zeile ist leer.</translation>
    </message>
    <message>
        <source>The passphrase on standard input is not UTF-8 text.</source>
        <translation>Die Passphrase auf der Standardeingabe ist kein UTF-8-Text.</translation>
    </message>
</context>
<context>
    <name>QuotaLedger</name>
    <message>
        <source>There is no sender account %1.</source>
        <translation>Es gibt kein Absenderkonto %1.</translation>
    </message>
    <message>
        <source>The account &quot;%1&quot; may send %2 more messages now, not %3.</source>
        <translation>Das Konto „%1“ darf jetzt noch %2 Nachrichten senden, nicht %3.</translation>
    </message>
</context>
<context>
    <name>ReplyPolicy</name>
    <message>
        <source>Gave up after %1 tries over %2 hours: %3</source>
        <translation>Nach %1 Versuchen in %2 Stunden aufgegeben: %3</translation>
    </message>
    <message>
        <source>No reply after the end of the message (timed out): it may have been delivered. %1</source>
        <translation>Keine Antwort nach dem Ende der Nachricht (Zeitüberschreitung): Vielleicht wurde sie schon zugestellt. %1</translation>
    </message>
    <message>
        <source>The connection ended after the end of the message: it may have been delivered. %1</source>
        <translation>Die Verbindung brach nach dem Ende der Nachricht ab: Vielleicht wurde sie schon zugestellt. %1</translation>
    </message>
    <message>
        <source>The connection failed before the message was sent.</source>
        <translation>Die Verbindung ist fehlgeschlagen, bevor die Nachricht gesendet war.</translation>
    </message>
    <message>
        <source>Not sent %1 times in a row; trying again later. %2</source>
        <translation>%1-mal hintereinander nicht gesendet; später wird es erneut versucht. %2</translation>
    </message>
</context>
<context>
    <name>Segment</name>
    <message>
        <source>is</source>
        <translation>ist</translation>
    </message>
    <message>
        <source>is not</source>
        <translation>ist nicht</translation>
    </message>
    <message>
        <source>contains</source>
        <translation>enthält</translation>
    </message>
    <message>
        <source>does not contain</source>
        <translation>enthält nicht</translation>
    </message>
    <message>
        <source>starts with</source>
        <translation>beginnt mit</translation>
    </message>
    <message>
        <source>ends with</source>
        <translation>endet auf</translation>
    </message>
    <message>
        <source>is empty</source>
        <translation>ist leer</translation>
    </message>
    <message>
        <source>is not empty</source>
        <translation>ist nicht leer</translation>
    </message>
    <message>
        <source>=</source>
        <translation>=</translation>
    </message>
    <message>
        <source>≠</source>
        <translation>≠</translation>
    </message>
    <message>
        <source>&lt;</source>
        <translation>&lt;</translation>
    </message>
    <message>
        <source>≤</source>
        <translation>≤</translation>
    </message>
    <message>
        <source>&gt;</source>
        <translation>&gt;</translation>
    </message>
    <message>
        <source>≥</source>
        <translation>≥</translation>
    </message>
    <message>
        <source>is before</source>
        <translation>ist vor</translation>
    </message>
    <message>
        <source>is after</source>
        <translation>ist nach</translation>
    </message>
    <message>
        <source>is on</source>
        <translation>ist am</translation>
    </message>
    <message>
        <source>is within the last N days</source>
        <translation>liegt in den letzten N Tagen</translation>
    </message>
    <message>
        <source>is more than N days ago</source>
        <translation>liegt mehr als N Tage zurück</translation>
    </message>
    <message>
        <source>is yes</source>
        <translation>ist Ja</translation>
    </message>
    <message>
        <source>is no</source>
        <translation>ist Nein</translation>
    </message>
    <message>
        <source>has</source>
        <translation>hat</translation>
    </message>
    <message>
        <source>has not</source>
        <translation>hat nicht</translation>
    </message>
    <message>
        <source>The segment&apos;s rules are not valid JSON: %1 at character %2.</source>
        <translation>Die Regeln des Segments sind kein gültiges JSON: %1 bei Zeichen %2.</translation>
    </message>
    <message>
        <source>The segment&apos;s rules must be a JSON object with &quot;match&quot; and &quot;conditions&quot;.</source>
        <translation>Die Regeln des Segments müssen ein JSON-Objekt mit „match“ und „conditions“ sein.</translation>
    </message>
    <message>
        <source>The segment&apos;s rules have an unknown key &quot;%1&quot; (they have match and conditions).</source>
        <translation>Die Regeln des Segments haben einen unbekannten Schlüssel „%1“ (erlaubt sind match und conditions).</translation>
    </message>
    <message>
        <source>The segment&apos;s &quot;match&quot; must be &quot;all&quot; or &quot;any&quot;, not &quot;%1&quot;.</source>
        <translation>Im Segment muss „match“ „all“ oder „any“ sein, nicht „%1“.</translation>
    </message>
    <message>
        <source>The segment&apos;s &quot;conditions&quot; must be a list of conditions.</source>
        <translation>Im Segment muss „conditions“ eine Liste von Bedingungen sein.</translation>
    </message>
    <message>
        <source>Condition %1: there is no custom field with id %2; was it deleted?</source>
        <translation>Bedingung %1: Es gibt kein eigenes Feld mit der ID %2. Wurde es gelöscht?</translation>
    </message>
    <message>
        <source>Condition %1: there is no field &quot;%2&quot;.</source>
        <translation>Bedingung %1: Es gibt kein Feld „%2“.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; does not apply to a %2 field.</source>
        <translation>„%1“ ist bei einem Feld vom Typ %2 nicht möglich.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; needs a tag or list.</source>
        <translation>„%1“ braucht einen Tag oder eine Liste.</translation>
    </message>
    <message>
        <source>Condition %1: there is no tag with id %2; was it deleted?</source>
        <translation>Bedingung %1: Es gibt keinen Tag mit der ID %2. Wurde er gelöscht?</translation>
    </message>
    <message>
        <source>Condition %1: there is no list with id %2; was it deleted?</source>
        <translation>Bedingung %1: Es gibt keine Liste mit der ID %2. Wurde sie gelöscht?</translation>
    </message>
    <message>
        <source>the number of days must be a whole number from 0 to %L1, not &quot;%2&quot;.</source>
        <translation>die Anzahl der Tage muss eine ganze Zahl von 0 bis %L1 sein, nicht „%2“.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; needs a value.</source>
        <translation>„%1“ braucht einen Wert.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a number.</source>
        <translation>„%1“ ist keine Zahl.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a date; write it as YYYY-MM-DD.</source>
        <translation>„%1“ ist kein Datum; schreiben Sie es als JJJJ-MM-TT.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a status (subscribed, unsubscribed, bounced or complained).</source>
        <translation>„%1“ ist kein Status (subscribed, unsubscribed, bounced oder complained).</translation>
    </message>
    <message>
        <source>the value is longer than 1,000 characters.</source>
        <translation>der Wert ist länger als 1.000 Zeichen.</translation>
    </message>
    <message>
        <source>text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>number</source>
        <translation>Zahl</translation>
    </message>
    <message>
        <source>date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>yes/no</source>
        <translation>Ja/Nein</translation>
    </message>
    <message>
        <source>tag or list</source>
        <translation>Tag oder Liste</translation>
    </message>
    <message>
        <source>status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>custom field %1</source>
        <translation>eigenes Feld %1</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>Tag</translation>
    </message>
    <message>
        <source>List</source>
        <translation>Liste</translation>
    </message>
    <message>
        <source>Condition %1 (%2): </source>
        <translation>Bedingung %1 (%2): </translation>
    </message>
    <message>
        <source>Condition %1 is not a JSON object.</source>
        <translation>Bedingung %1 ist kein JSON-Objekt.</translation>
    </message>
    <message>
        <source>Condition %1: unknown key &quot;%2&quot; (a condition has field, field_id, op and value).</source>
        <translation>Bedingung %1: unbekannter Schlüssel „%2“ (eine Bedingung hat field, field_id, op und value).</translation>
    </message>
    <message>
        <source>Condition %1 names no field.</source>
        <translation>Bedingung %1 nennt kein Feld.</translation>
    </message>
    <message>
        <source>Condition %1: a custom field condition needs the field&apos;s id as &quot;field_id&quot;.</source>
        <translation>Bedingung %1: Eine Bedingung auf ein eigenes Feld braucht dessen ID als „field_id“.</translation>
    </message>
    <message>
        <source>the condition has no operator (&quot;op&quot;).</source>
        <translation>die Bedingung hat keinen Operator („op“).</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an operator.</source>
        <translation>„%1“ ist kein Operator.</translation>
    </message>
    <message>
        <source>the value must be the id of a tag or list, not &quot;%1&quot;.</source>
        <translation>der Wert muss die ID eines Tags oder einer Liste sein, nicht „%1“.</translation>
    </message>
    <message>
        <source>the value must be text or a number, not &quot;%1&quot;.</source>
        <translation>der Wert muss Text oder eine Zahl sein, nicht „%1“.</translation>
    </message>
</context>
<context>
    <name>SegmentConditionRow</name>
    <message>
        <source>Tag</source>
        <translation>Tag</translation>
    </message>
    <message>
        <source>List</source>
        <translation>Liste</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <source>Comparison</source>
        <translation>Vergleich</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Zahl</translation>
    </message>
    <message>
        <source>a number, such as 12.5</source>
        <translation>eine Zahl, etwa 12,5</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Number of days</source>
        <translation>Anzahl Tage</translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <source>Tag or list</source>
        <translation>Tag oder Liste</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Remove this condition</source>
        <translation>Diese Bedingung entfernen</translation>
    </message>
</context>
<context>
    <name>SegmentEditor</name>
    <message>
        <source>Segment</source>
        <translation>Segment</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>Berlin customers</source>
        <translation>Kunden in Berlin</translation>
    </message>
    <message>
        <source>Contacts &amp;match</source>
        <translation>Kontakte &amp;erfüllen</translation>
    </message>
    <message>
        <source>of these conditions (none: every contact):</source>
        <translation>dieser Bedingungen (keine: alle Kontakte):</translation>
    </message>
    <message>
        <source>&amp;Add Condition</source>
        <translation>Bedingung &amp;hinzufügen</translation>
    </message>
    <message>
        <source>New Segment</source>
        <translation>Neues Segment</translation>
    </message>
    <message>
        <source>Segment “%1”</source>
        <translation>Segment „%1“</translation>
    </message>
    <message>
        <source>all</source>
        <translation>alle</translation>
    </message>
    <message>
        <source>any</source>
        <translation>eine</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>Wird gezählt…</translation>
    </message>
    <message>
        <source>Complete the conditions to see how many contacts match.</source>
        <translation>Vervollständigen Sie die Bedingungen, um zu sehen, wie viele Kontakte passen.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln contact(s) match; %1 would receive a campaign.</source>
        <translation>
            <numerusform>%Ln Kontakt passt; Empfänger einer Kampagne: %1.</numerusform>
            <numerusform>%Ln Kontakte passen; Empfänger einer Kampagne: %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Left out whatever the rules say: %1 unsubscribed, %2 bounced, %3 complained, %4 suppressed.</source>
        <translation>Ausgelassen, was die Regeln auch sagen: %1 abgemeldet, %2 unzustellbar, %3 beschwert, %4 gesperrt.</translation>
    </message>
</context>
<context>
    <name>SegmentListDialog</name>
    <message>
        <source>Segments</source>
        <translation>Segmente</translation>
    </message>
    <message>
        <source>A segment narrows a campaign&apos;s audience by rules on fields, tags, lists, status and dates.</source>
        <translation>Ein Segment grenzt die Empfänger einer Kampagne durch Regeln zu Feldern, Tags, Listen, Status und Daten ein.</translation>
    </message>
    <message>
        <source>Saved segments</source>
        <translation>Gespeicherte Segmente</translation>
    </message>
    <message>
        <source>&amp;New…</source>
        <translation>&amp;Neu…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten…</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen…</translation>
    </message>
    <message>
        <source>No segments yet: press New… to make one.</source>
        <translation>Noch keine Segmente: Mit „Neu…“ legen Sie eines an.</translation>
    </message>
    <message>
        <source>No conditions: every contact</source>
        <translation>Keine Bedingungen: alle Kontakte</translation>
    </message>
    <message numerus="yes">
        <source>%Ln condition(s)</source>
        <translation>
            <numerusform>%Ln Bedingung</numerusform>
            <numerusform>%Ln Bedingungen</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete Segment</source>
        <translation>Segment löschen</translation>
    </message>
    <message>
        <source>Delete the segment “%1”?</source>
        <translation>Das Segment „%1“ löschen?</translation>
    </message>
</context>
<context>
    <name>SegmentRepository</name>
    <message>
        <source>A segment needs a name.</source>
        <translation>Ein Segment braucht einen Namen.</translation>
    </message>
    <message>
        <source>The segment name &quot;%1&quot; is longer than 100 characters.</source>
        <translation>Der Segmentname „%1“ ist länger als 100 Zeichen.</translation>
    </message>
    <message>
        <source>The segment name &quot;%1&quot; contains a control character.</source>
        <translation>Der Segmentname „%1“ enthält ein Steuerzeichen.</translation>
    </message>
    <message>
        <source>The segment &quot;%1&quot;: %2</source>
        <translation>Das Segment „%1“: %2</translation>
    </message>
    <message>
        <source>A segment named &quot;%1&quot; already exists.</source>
        <translation>Ein Segment namens „%1“ gibt es bereits.</translation>
    </message>
    <message>
        <source>There is no segment with id %1.</source>
        <translation>Es gibt kein Segment mit der ID %1.</translation>
    </message>
    <message>
        <source>There is no segment named &quot;%1&quot;.</source>
        <translation>Es gibt kein Segment namens „%1“.</translation>
    </message>
    <message numerus="yes">
        <source>The segment &quot;%1&quot; is used by %n campaign(s) (%2); choose another audience for them first.</source>
        <translation>
            <numerusform>Das Segment „%1“ wird von %n Kampagne verwendet (%2); wählen Sie für sie zuerst andere Empfänger.</numerusform>
            <numerusform>Das Segment „%1“ wird von %n Kampagnen verwendet (%2); wählen Sie für diese zuerst andere Empfänger.</numerusform>
        </translation>
    </message>
    <message>
        <source>The segment &quot;%1&quot; is damaged: %2</source>
        <translation>Das Segment „%1“ ist beschädigt: %2</translation>
    </message>
</context>
<context>
    <name>SenderSettings</name>
    <message>
        <source>The postal address is longer than 500 characters.</source>
        <translation>Die Postanschrift ist länger als 500 Zeichen.</translation>
    </message>
    <message>
        <source>The unsubscribe URL &quot;%1&quot; is not an https:// address.</source>
        <translation>Die Abmelde-URL „%1“ ist keine https://-Adresse.</translation>
    </message>
    <message>
        <source>The unsubscribe URL &quot;%1&quot; has no {token}: without it nobody&apos;s unsubscribe can be told apart.</source>
        <translation>Die Abmelde-URL „%1“ enthält kein {token}; ohne diesen Platzhalter lässt sich nicht unterscheiden, wer sich abmeldet.</translation>
    </message>
    <message>
        <source>The unsubscribe address &quot;%1&quot; is not valid: %2</source>
        <translation>Die Abmeldeadresse „%1“ ist ungültig: %2</translation>
    </message>
</context>
<context>
    <name>SenderSettingsDialog</name>
    <message>
        <source>Sender Settings</source>
        <translation>Absender-Einstellungen</translation>
    </message>
    <message>
        <source>Every campaign of this workspace carries these in its footer and headers.</source>
        <translation>Jede Kampagne dieses Arbeitsbereichs trägt diese Angaben in Fußzeile und Kopfzeilen.</translation>
    </message>
    <message>
        <source>&amp;Postal address:</source>
        <translation>&amp;Postanschrift:</translation>
    </message>
    <message>
        <source>The address the law asks every marketing email to show (CAN-SPAM, the German Impressum)</source>
        <translation>Die Anschrift, die jede Werbe-E-Mail laut Gesetz zeigen muss (Impressum, CAN-SPAM)</translation>
    </message>
    <message>
        <source>Blue Door Bakery
12 Harbour Street
Bristol BS1 4QA, United Kingdom</source>
        <translation>Bäckerei Blaue Tür
Hafenstraße 12
20457 Hamburg</translation>
    </message>
    <message>
        <source>Unsubscribe &amp;URL:</source>
        <translation>Abmelde-&amp;URL:</translation>
    </message>
    <message>
        <source>An https:// address of your website with {token} where each recipient&apos;s unsubscribe token goes. Leave empty to receive unsubscribes by email.</source>
        <translation>Eine https://-Adresse Ihrer Website mit {token} an der Stelle, an die das Abmelde-Token jedes Empfängers kommt. Leer lassen, um Abmeldungen per E-Mail zu erhalten.</translation>
    </message>
    <message>
        <source>https://example.com/unsubscribe?t={token}</source>
        <translation>https://example.com/abmelden?t={token}</translation>
    </message>
    <message>
        <source>Unsubscribe &amp;address:</source>
        <translation>Abmelde-&amp;Adresse:</translation>
    </message>
    <message>
        <source>Where unsubscribe emails go, with the token in their subject. Empty: the campaign&apos;s From address.</source>
        <translation>Wohin Abmelde-E-Mails gehen, mit dem Token im Betreff. Leer: die Absenderadresse der Kampagne.</translation>
    </message>
    <message>
        <source>The campaign&apos;s From address</source>
        <translation>Die Absenderadresse der Kampagne</translation>
    </message>
    <message>
        <source>Campaigns cannot be sent until the postal address is filled in.</source>
        <translation>Kampagnen können erst gesendet werden, wenn die Postanschrift ausgefüllt ist.</translation>
    </message>
</context>
<context>
    <name>SetStatusCommand</name>
    <message numerus="yes">
        <source>Set %Ln contact(s) to %1</source>
        <translation>
            <numerusform>%Ln Kontakt auf %1 setzen</numerusform>
            <numerusform>%Ln Kontakte auf %1 setzen</numerusform>
        </translation>
    </message>
    <message>
        <source>Undoing: %1…</source>
        <translation>Rückgängig: %1…</translation>
    </message>
    <message>
        <source>Redoing: %1…</source>
        <translation>Wiederholen: %1…</translation>
    </message>
</context>
<context>
    <name>SidebarModel</name>
    <message>
        <source>All contacts</source>
        <translation>Alle Kontakte</translation>
    </message>
    <message>
        <source>Lists</source>
        <translation>Listen</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n contact(s)</source>
        <translation>
            <numerusform>%1: %n Kontakt</numerusform>
            <numerusform>%1: %n Kontakte</numerusform>
        </translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Kontakte</translation>
    </message>
</context>
<context>
    <name>SmtpReplyParser</name>
    <message>
        <source>The server sent a reply line longer than %1 bytes: %2</source>
        <translation>Der Server hat eine Antwortzeile mit mehr als %1 Bytes gesendet: %2</translation>
    </message>
    <message>
        <source>The server sent a line that is not an SMTP reply: %1</source>
        <translation>Der Server hat eine Zeile gesendet, die keine SMTP-Antwort ist: %1</translation>
    </message>
    <message>
        <source>The server changed the reply code within one reply: %1</source>
        <translation>Der Server hat innerhalb einer Antwort den Antwortcode gewechselt: %1</translation>
    </message>
    <message>
        <source>The server sent a reply of more than %1 lines: %2</source>
        <translation>Der Server hat eine Antwort mit mehr als %1 Zeilen gesendet: %2</translation>
    </message>
</context>
<context>
    <name>SmtpSession</name>
    <message>
        <source>the connection was closed (%1)</source>
        <translation>die Verbindung wurde geschlossen (%1)</translation>
    </message>
    <message>
        <source>not connected</source>
        <translation>nicht verbunden</translation>
    </message>
    <message>
        <source>no connection within %1 seconds</source>
        <translation>keine Verbindung innerhalb von %1 Sekunden</translation>
    </message>
    <message>
        <source>the server does not offer STARTTLS, and this account requires it; nothing was sent without encryption</source>
        <translation>der Server bietet kein STARTTLS an, dieses Konto verlangt es aber; unverschlüsselt wurde nichts gesendet</translation>
    </message>
    <message>
        <source>the server&apos;s certificate was not accepted (%1). Its SHA-256 fingerprint is %2</source>
        <translation>das Zertifikat des Servers wurde nicht akzeptiert (%1). Sein SHA-256-Fingerabdruck ist %2</translation>
    </message>
    <message>
        <source>; the certificate trusted for this account is %1, a different one</source>
        <translation>; für dieses Konto wird einem anderen Zertifikat vertraut: %1</translation>
    </message>
    <message>
        <source>the TLS handshake did not finish in time</source>
        <translation>der TLS-Handshake wurde nicht rechtzeitig abgeschlossen</translation>
    </message>
    <message>
        <source>the TLS handshake failed: %1</source>
        <translation>der TLS-Handshake ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>the connection is not encrypted, and this account does not allow sending its credentials in the clear</source>
        <translation>die Verbindung ist nicht verschlüsselt, und dieses Konto erlaubt nicht, seine Zugangsdaten unverschlüsselt zu senden</translation>
    </message>
    <message>
        <source>the server does not offer XOAUTH2 (it offers: %1)</source>
        <translation>der Server bietet kein XOAUTH2 an (er bietet: %1)</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>nichts</translation>
    </message>
    <message>
        <source>the server offers no password sign-in, AUTH PLAIN or LOGIN (it offers: %1)</source>
        <translation>der Server bietet keine Anmeldung mit Passwort an, weder AUTH PLAIN noch LOGIN (er bietet: %1)</translation>
    </message>
    <message>
        <source>the session is not open</source>
        <translation>die Sitzung ist nicht geöffnet</translation>
    </message>
    <message>
        <source>refusing an address with spaces, angle brackets or control characters: &lt;%1&gt; to &lt;%2&gt;</source>
        <translation>Adresse mit Leerzeichen, spitzen Klammern oder Steuerzeichen abgelehnt: &lt;%1&gt; an &lt;%2&gt;</translation>
    </message>
    <message>
        <source>&lt;%1&gt; to &lt;%2&gt;: an address with non-ASCII characters needs SMTPUTF8, which the server does not offer</source>
        <translation>&lt;%1&gt; an &lt;%2&gt;: Eine Adresse mit Nicht-ASCII-Zeichen braucht SMTPUTF8, und das bietet der Server nicht an</translation>
    </message>
    <message>
        <source>the message has 8-bit content and the server does not offer 8BITMIME</source>
        <translation>die Nachricht hat 8-Bit-Inhalt, und der Server bietet kein 8BITMIME an</translation>
    </message>
    <message>
        <source>the message is %1 bytes; the server accepts at most %2</source>
        <translation>die Nachricht ist %1 Bytes groß; der Server nimmt höchstens %2 an</translation>
    </message>
    <message>
        <source>stopped before the end of the message; it was not sent</source>
        <translation>vor dem Ende der Nachricht angehalten; sie wurde nicht gesendet</translation>
    </message>
    <message>
        <source>encrypted</source>
        <translation>verschlüsselt</translation>
    </message>
    <message>
        <source>not encrypted</source>
        <translation>nicht verschlüsselt</translation>
    </message>
    <message>
        <source>no sign-in</source>
        <translation>keine Anmeldung</translation>
    </message>
    <message>
        <source>signed in as %1</source>
        <translation>angemeldet als %1</translation>
    </message>
    <message>
        <source>%1:%2: connected (%3), %4; the server is ready to take mail.</source>
        <translation>%1:%2: verbunden (%3), %4; der Server ist bereit, Nachrichten anzunehmen.</translation>
    </message>
    <message>
        <source>stopped: Mailroom is closing</source>
        <translation>angehalten: Mailroom wird beendet</translation>
    </message>
    <message>
        <source>no answer within %1 seconds</source>
        <translation>keine Antwort innerhalb von %1 Sekunden</translation>
    </message>
</context>
<context>
    <name>SqlError</name>
    <message>
        <source>The workspace is busy in another program; could not %1. Try again in a moment.</source>
        <translation>Der Arbeitsbereich ist in einem anderen Programm belegt; fehlgeschlagen: %1. Versuchen Sie es gleich noch einmal.</translation>
    </message>
    <message>
        <source>The workspace is read-only; could not %1.</source>
        <translation>Der Arbeitsbereich ist schreibgeschützt; fehlgeschlagen: %1.</translation>
    </message>
    <message>
        <source>The workspace file is damaged; could not %1 (%2).</source>
        <translation>Die Arbeitsbereichsdatei ist beschädigt; fehlgeschlagen: %1 (%2).</translation>
    </message>
    <message>
        <source>The disk is full; could not %1.</source>
        <translation>Der Datenträger ist voll; fehlgeschlagen: %1.</translation>
    </message>
    <message>
        <source>Could not %1: %2</source>
        <translation>Fehlgeschlagen: %1: %2</translation>
    </message>
    <message>
        <source>read the workspace schema</source>
        <translation>Schema des Arbeitsbereichs lesen</translation>
    </message>
    <message>
        <source>upgrade the workspace schema</source>
        <translation>Schema des Arbeitsbereichs aktualisieren</translation>
    </message>
    <message>
        <source>record the schema version</source>
        <translation>Schemaversion speichern</translation>
    </message>
    <message>
        <source>begin a transaction</source>
        <translation>Transaktion beginnen</translation>
    </message>
    <message>
        <source>commit</source>
        <translation>Änderungen speichern</translation>
    </message>
    <message>
        <source>switch the workspace to write-ahead logging</source>
        <translation>Arbeitsbereich auf Write-Ahead-Logging umstellen</translation>
    </message>
    <message>
        <source>prepare a bulk edit</source>
        <translation>Massenänderung vorbereiten</translation>
    </message>
    <message>
        <source>read a bulk edit</source>
        <translation>Massenänderung lesen</translation>
    </message>
    <message>
        <source>read the custom fields</source>
        <translation>eigene Felder lesen</translation>
    </message>
    <message>
        <source>check for duplicates</source>
        <translation>auf Duplikate prüfen</translation>
    </message>
    <message>
        <source>look up a tag or list</source>
        <translation>Tag oder Liste nachschlagen</translation>
    </message>
    <message>
        <source>create a tag or list</source>
        <translation>Tag oder Liste anlegen</translation>
    </message>
    <message>
        <source>save a contact</source>
        <translation>Kontakt speichern</translation>
    </message>
    <message>
        <source>save a custom field</source>
        <translation>eigenes Feld speichern</translation>
    </message>
    <message>
        <source>update the search index</source>
        <translation>Suchindex aktualisieren</translation>
    </message>
    <message>
        <source>add the contact</source>
        <translation>Kontakt hinzufügen</translation>
    </message>
    <message>
        <source>save the contact</source>
        <translation>Kontakt speichern</translation>
    </message>
    <message>
        <source>look up a contact</source>
        <translation>Kontakt nachschlagen</translation>
    </message>
    <message>
        <source>read contacts</source>
        <translation>Kontakte lesen</translation>
    </message>
    <message>
        <source>read contact details</source>
        <translation>Kontaktdetails lesen</translation>
    </message>
    <message>
        <source>count contacts</source>
        <translation>Kontakte zählen</translation>
    </message>
    <message>
        <source>count contacts by status</source>
        <translation>Kontakte nach Status zählen</translation>
    </message>
    <message>
        <source>index the contact list</source>
        <translation>Kontaktliste indizieren</translation>
    </message>
    <message>
        <source>read the selected contacts</source>
        <translation>ausgewählte Kontakte lesen</translation>
    </message>
    <message>
        <source>change tags or lists</source>
        <translation>Tags oder Listen ändern</translation>
    </message>
    <message>
        <source>change statuses</source>
        <translation>Status ändern</translation>
    </message>
    <message>
        <source>restore statuses</source>
        <translation>Status wiederherstellen</translation>
    </message>
    <message>
        <source>delete contacts</source>
        <translation>Kontakte löschen</translation>
    </message>
    <message>
        <source>restore contacts</source>
        <translation>Kontakte wiederherstellen</translation>
    </message>
    <message>
        <source>look up a custom field</source>
        <translation>eigenes Feld nachschlagen</translation>
    </message>
    <message>
        <source>create a custom field</source>
        <translation>eigenes Feld anlegen</translation>
    </message>
    <message>
        <source>delete a custom field</source>
        <translation>eigenes Feld löschen</translation>
    </message>
    <message>
        <source>prepare the demo data</source>
        <translation>Demodaten vorbereiten</translation>
    </message>
    <message>
        <source>write the demo contacts</source>
        <translation>Demo-Kontakte schreiben</translation>
    </message>
    <message>
        <source>read the tags and lists</source>
        <translation>Tags und Listen lesen</translation>
    </message>
    <message>
        <source>create the demo custom fields</source>
        <translation>eigene Demo-Felder anlegen</translation>
    </message>
    <message>
        <source>check the demo addresses</source>
        <translation>Demo-Adressen prüfen</translation>
    </message>
    <message>
        <source>read the workspace indexes</source>
        <translation>Indizes des Arbeitsbereichs lesen</translation>
    </message>
    <message>
        <source>prepare the workspace for the demo contacts</source>
        <translation>Arbeitsbereich für die Demo-Kontakte vorbereiten</translation>
    </message>
    <message>
        <source>read the workspace</source>
        <translation>Arbeitsbereich lesen</translation>
    </message>
    <message>
        <source>rebuild the workspace indexes</source>
        <translation>Indizes des Arbeitsbereichs neu aufbauen</translation>
    </message>
    <message>
        <source>index the demo contacts for search</source>
        <translation>Demo-Kontakte für die Suche indizieren</translation>
    </message>
    <message>
        <source>delete a tag or list</source>
        <translation>Tag oder Liste löschen</translation>
    </message>
    <message>
        <source>save a contact&apos;s tags and lists</source>
        <translation>Tags und Listen eines Kontakts speichern</translation>
    </message>
    <message>
        <source>prepare the import</source>
        <translation>den Import vorbereiten</translation>
    </message>
    <message>
        <source>read the vault&apos;s settings</source>
        <translation>Einstellungen des Tresors lesen</translation>
    </message>
    <message>
        <source>save the vault&apos;s settings</source>
        <translation>Einstellungen des Tresors speichern</translation>
    </message>
    <message>
        <source>save a secret</source>
        <translation>Geheimnis speichern</translation>
    </message>
    <message>
        <source>read a secret</source>
        <translation>Geheimnis lesen</translation>
    </message>
    <message>
        <source>delete a secret</source>
        <translation>Geheimnis löschen</translation>
    </message>
    <message>
        <source>read the campaign&apos;s audience</source>
        <translation>Empfänger der Kampagne lesen</translation>
    </message>
    <message>
        <source>read the campaigns</source>
        <translation>Kampagnen lesen</translation>
    </message>
    <message>
        <source>read the campaign</source>
        <translation>Kampagne lesen</translation>
    </message>
    <message>
        <source>save the campaign&apos;s audience</source>
        <translation>Empfänger der Kampagne speichern</translation>
    </message>
    <message>
        <source>save the campaign</source>
        <translation>Kampagne speichern</translation>
    </message>
    <message>
        <source>delete the campaign</source>
        <translation>Kampagne löschen</translation>
    </message>
    <message>
        <source>read the campaign&apos;s attachments</source>
        <translation>Anhänge der Kampagne lesen</translation>
    </message>
    <message>
        <source>save the attachment</source>
        <translation>Anhang speichern</translation>
    </message>
    <message>
        <source>delete the attachment</source>
        <translation>Anhang löschen</translation>
    </message>
    <message>
        <source>read the DKIM keys</source>
        <translation>DKIM-Schlüssel lesen</translation>
    </message>
    <message>
        <source>save the DKIM key</source>
        <translation>DKIM-Schlüssel speichern</translation>
    </message>
    <message>
        <source>delete the DKIM key</source>
        <translation>DKIM-Schlüssel löschen</translation>
    </message>
    <message>
        <source>read the sender settings</source>
        <translation>Absendereinstellungen lesen</translation>
    </message>
    <message>
        <source>save the sender settings</source>
        <translation>Absendereinstellungen speichern</translation>
    </message>
    <message>
        <source>count the audience</source>
        <translation>Empfänger zählen</translation>
    </message>
    <message>
        <source>list the audience</source>
        <translation>Empfänger auflisten</translation>
    </message>
    <message>
        <source>look up a segment</source>
        <translation>Segment nachschlagen</translation>
    </message>
    <message>
        <source>read the segments</source>
        <translation>Segmente lesen</translation>
    </message>
    <message>
        <source>save a segment</source>
        <translation>Segment speichern</translation>
    </message>
    <message>
        <source>delete a segment</source>
        <translation>Segment löschen</translation>
    </message>
    <message>
        <source>add to the suppression list</source>
        <translation>zur Sperrliste hinzufügen</translation>
    </message>
    <message>
        <source>read the suppression list</source>
        <translation>Sperrliste lesen</translation>
    </message>
    <message>
        <source>remove from the suppression list</source>
        <translation>aus der Sperrliste entfernen</translation>
    </message>
    <message>
        <source>count the suppression list</source>
        <translation>Einträge der Sperrliste zählen</translation>
    </message>
    <message>
        <source>read the sender accounts</source>
        <translation>Absenderkonten lesen</translation>
    </message>
    <message>
        <source>save the sender account</source>
        <translation>Absenderkonto speichern</translation>
    </message>
    <message>
        <source>delete the account&apos;s password</source>
        <translation>Passwort des Kontos löschen</translation>
    </message>
    <message>
        <source>read the outbox</source>
        <translation>Postausgang lesen</translation>
    </message>
    <message>
        <source>delete the sender account</source>
        <translation>Absenderkonto löschen</translation>
    </message>
    <message>
        <source>read the campaign&apos;s accounts</source>
        <translation>Konten der Kampagne lesen</translation>
    </message>
    <message>
        <source>save the campaign&apos;s accounts</source>
        <translation>Konten der Kampagne speichern</translation>
    </message>
    <message>
        <source>record delivery in the outbox</source>
        <translation>Zustellung im Postausgang vermerken</translation>
    </message>
    <message>
        <source>change the campaign&apos;s status</source>
        <translation>Status der Kampagne ändern</translation>
    </message>
    <message>
        <source>read the campaigns due</source>
        <translation>fällige Kampagnen lesen</translation>
    </message>
    <message>
        <source>read the account&apos;s messages of the last 24 hours</source>
        <translation>Nachrichten des Kontos aus den letzten 24 Stunden lesen</translation>
    </message>
    <message>
        <source>write the outbox log</source>
        <translation>Protokoll des Postausgangs schreiben</translation>
    </message>
    <message>
        <source>queue the campaign&apos;s recipients</source>
        <translation>Empfänger der Kampagne in die Warteschlange stellen</translation>
    </message>
    <message>
        <source>claim recipients from the outbox</source>
        <translation>Empfänger zum Senden aus dem Postausgang holen</translation>
    </message>
    <message>
        <source>count a message against the account&apos;s daily limit</source>
        <translation>Nachricht auf das Tageslimit des Kontos anrechnen</translation>
    </message>
    <message>
        <source>record a message&apos;s outcome</source>
        <translation>Ergebnis einer Nachricht speichern</translation>
    </message>
    <message>
        <source>put claimed recipients back in the queue</source>
        <translation>geholte Empfänger wieder in die Warteschlange stellen</translation>
    </message>
    <message>
        <source>check recipients before sending</source>
        <translation>Empfänger vor dem Senden prüfen</translation>
    </message>
    <message>
        <source>skip a recipient</source>
        <translation>Empfänger überspringen</translation>
    </message>
    <message>
        <source>recover the outbox</source>
        <translation>Postausgang wiederherstellen</translation>
    </message>
    <message>
        <source>count the outbox</source>
        <translation>Einträge im Postausgang zählen</translation>
    </message>
    <message>
        <source>read the outbox log</source>
        <translation>Protokoll des Postausgangs lesen</translation>
    </message>
    <message>
        <source>queue recipients again</source>
        <translation>Empfänger erneut in die Warteschlange stellen</translation>
    </message>
    <message>
        <source>cancel the campaign&apos;s remaining recipients</source>
        <translation>Versand an die restlichen Empfänger der Kampagne abbrechen</translation>
    </message>
    <message>
        <source>read the account&apos;s quota</source>
        <translation>Kontingent des Kontos lesen</translation>
    </message>
    <message>
        <source>read the campaign&apos;s sender accounts</source>
        <translation>Absenderkonten der Kampagne lesen</translation>
    </message>
    <message>
        <source>count the account&apos;s messages of the last 24 hours</source>
        <translation>Nachrichten des Kontos aus den letzten 24 Stunden zählen</translation>
    </message>
    <message>
        <source>count the account&apos;s claimed messages</source>
        <translation>geholte Nachrichten des Kontos zählen</translation>
    </message>
    <message>
        <source>update the account&apos;s rate</source>
        <translation>Rate des Kontos aktualisieren</translation>
    </message>
    <message>
        <source>rest the sender account</source>
        <translation>Absenderkonto pausieren</translation>
    </message>
    <message>
        <source>forget old sends</source>
        <translation>alte Sendeeinträge löschen</translation>
    </message>
</context>
<context>
    <name>StarterTemplates</name>
    <message>
        <source>Newsletter</source>
        <translation>Newsletter</translation>
    </message>
    <message>
        <source>Announcement</source>
        <translation>Ankündigung</translation>
    </message>
    <message>
        <source>Plain letter</source>
        <translation>Einfacher Brief</translation>
    </message>
</context>
<context>
    <name>SuppressionDialog</name>
    <message>
        <source>Suppression List</source>
        <translation>Sperrliste</translation>
    </message>
    <message>
        <source>Suppressed addresses and domains</source>
        <translation>Gesperrte Adressen und Domains</translation>
    </message>
    <message>
        <source>&amp;Email or domain:</source>
        <translation>&amp;E-Mail oder Domain:</translation>
    </message>
    <message>
        <source>jane@example.com or example.com</source>
        <translation>erika@example.com oder example.com</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Hinzufügen</translation>
    </message>
    <message>
        <source>Rea&amp;son:</source>
        <translation>&amp;Grund:</translation>
    </message>
    <message>
        <source>Optional, kept with what you add or import</source>
        <translation>Optional, wird mit dem Hinzugefügten oder Importierten gespeichert</translation>
    </message>
    <message>
        <source>&amp;Remove Selected…</source>
        <translation>Auswahl &amp;entfernen…</translation>
    </message>
    <message>
        <source>Add &amp;nothing if a line cannot be read</source>
        <translation>&amp;Nichts hinzufügen, wenn eine Zeile unlesbar ist</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importieren…</translation>
    </message>
    <message>
        <source>Import a file with one email address or domain per line, or a CSV file with an email column</source>
        <translation>Eine Datei mit einer E-Mail-Adresse oder Domain pro Zeile importieren, oder eine CSV-Datei mit einer E-Mail-Spalte</translation>
    </message>
    <message>
        <source>Lines that could not be read</source>
        <translation>Zeilen, die nicht gelesen werden konnten</translation>
    </message>
    <message>
        <source>%1 and %2 are never mailed.</source>
        <translation>%1 und %2 werden nie angeschrieben.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln email address(es)</source>
        <translation>
            <numerusform>%Ln E-Mail-Adresse</numerusform>
            <numerusform>%Ln E-Mail-Adressen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln domain(s)</source>
        <translation>
            <numerusform>%Ln Domain</numerusform>
            <numerusform>%Ln Domains</numerusform>
        </translation>
    </message>
    <message>
        <source>Nobody at %1 will be mailed.</source>
        <translation>Niemand bei %1 wird angeschrieben.</translation>
    </message>
    <message>
        <source>%1 will not be mailed.</source>
        <translation>%1 wird nicht angeschrieben.</translation>
    </message>
    <message>
        <source>Take %1 off the suppression list? Campaigns can then mail it again.</source>
        <translation>%1 von der Sperrliste nehmen? Kampagnen können dann wieder dorthin schreiben.</translation>
    </message>
    <message numerus="yes">
        <source>Take %Ln entries off the suppression list? Campaigns can then mail them again.</source>
        <translation>
            <numerusform>%Ln Eintrag von der Sperrliste nehmen? Kampagnen können dann wieder dorthin schreiben.</numerusform>
            <numerusform>%Ln Einträge von der Sperrliste nehmen? Kampagnen können dann wieder dorthin schreiben.</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove from the Suppression List</source>
        <translation>Von der Sperrliste entfernen</translation>
    </message>
    <message numerus="yes">
        <source>Removed %Ln entries.</source>
        <translation>
            <numerusform>%Ln Eintrag entfernt.</numerusform>
            <numerusform>%Ln Einträge entfernt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Import Suppressions</source>
        <translation>Sperrliste importieren</translation>
    </message>
    <message>
        <source>Text and CSV files (*.txt *.csv);;All files (*)</source>
        <translation>Text- und CSV-Dateien (*.txt *.csv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>%1 wird importiert…</translation>
    </message>
    <message numerus="yes">
        <source>Nothing from %1 was added: %Ln line(s) could not be read.</source>
        <translation>
            <numerusform>Nichts aus %1 wurde hinzugefügt: %Ln Zeile konnte nicht gelesen werden.</numerusform>
            <numerusform>Nichts aus %1 wurde hinzugefügt: %Ln Zeilen konnten nicht gelesen werden.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>From %1: %Ln added</source>
        <translation>
            <numerusform>Aus %1: %Ln hinzugefügt</numerusform>
            <numerusform>Aus %1: %Ln hinzugefügt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %Ln already on the list</source>
        <translation>
            <numerusform>, %Ln schon auf der Liste</numerusform>
            <numerusform>, %Ln schon auf der Liste</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %Ln line(s) could not be read</source>
        <translation>
            <numerusform>, %Ln Zeile konnte nicht gelesen werden</numerusform>
            <numerusform>, %Ln Zeilen konnten nicht gelesen werden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %Ln more.</source>
        <translation>
            <numerusform>… und %Ln weitere.</numerusform>
            <numerusform>… und %Ln weitere.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SuppressionList</name>
    <message>
        <source>An email address or a domain is required.</source>
        <translation>Eine E-Mail-Adresse oder eine Domain ist erforderlich.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is neither an email address nor a domain name (like example.com).</source>
        <translation>„%1“ ist weder eine E-Mail-Adresse noch ein Domainname (wie example.com).</translation>
    </message>
    <message>
        <source>The suppression list has no entry %1.</source>
        <translation>Die Sperrliste hat keinen Eintrag %1.</translation>
    </message>
    <message>
        <source>%1 is not on the suppression list.</source>
        <translation>%1 steht nicht auf der Sperrliste.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Line %L1: no email address or domain in column %2.</source>
        <translation>Zeile %L1: keine E-Mail-Adresse oder Domain in Spalte %2.</translation>
    </message>
    <message>
        <source>Line %L1: %2</source>
        <translation>Zeile %L1: %2</translation>
    </message>
</context>
<context>
    <name>SuppressionTableModel</name>
    <message>
        <source>Domain</source>
        <translation>Domain</translation>
    </message>
    <message>
        <source>Email address</source>
        <translation>E-Mail-Adresse</translation>
    </message>
    <message>
        <source>Every address at %1 and its subdomains</source>
        <translation>Jede Adresse bei %1 und seinen Subdomains</translation>
    </message>
    <message>
        <source>Email address or domain</source>
        <translation>E-Mail-Adresse oder Domain</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Hinzugefügt</translation>
    </message>
</context>
<context>
    <name>TextDecoder</name>
    <message>
        <source>Unknown text encoding &quot;%1&quot;. Try UTF-8 or windows-1252.</source>
        <translation>Unbekannte Textkodierung „%1“. Versuchen Sie UTF-8 oder windows-1252.</translation>
    </message>
</context>
<context>
    <name>VCardReader</name>
    <message>
        <source>Line %1: %2</source>
        <translation>Zeile %1: %2</translation>
    </message>
    <message>
        <source>unknown character set &quot;%1&quot;, read as UTF-8</source>
        <translation>unbekannter Zeichensatz „%1“, als UTF-8 gelesen</translation>
    </message>
    <message>
        <source>not valid UTF-8 and no CHARSET given, read as Windows-1252</source>
        <translation>kein gültiges UTF-8 und kein CHARSET angegeben, als Windows-1252 gelesen</translation>
    </message>
    <message>
        <source>unknown vCard version &quot;%1&quot;, read anyway</source>
        <translation>unbekannte vCard-Version „%1“, trotzdem gelesen</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is outside any vCard and was skipped</source>
        <translation>„%1“ steht außerhalb jeder vCard und wurde übersprungen</translation>
    </message>
    <message>
        <source>a new vCard begins before the one from line %1 ended</source>
        <translation>eine neue vCard beginnt, bevor die aus Zeile %1 endete</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a vCard property</source>
        <translation>„%1“ ist keine vCard-Eigenschaft</translation>
    </message>
    <message>
        <source>%1 is too long and was cut</source>
        <translation>%1 ist zu lang und wurde gekürzt</translation>
    </message>
    <message>
        <source>The vCard starting on line %1 has no END:VCARD</source>
        <translation>Die vCard ab Zeile %1 hat kein END:VCARD</translation>
    </message>
</context>
<context>
    <name>VCardWriter</name>
    <message>
        <source>Cannot write the file: %1</source>
        <translation>Die Datei kann nicht geschrieben werden: %1</translation>
    </message>
</context>
<context>
    <name>Vault</name>
    <message>
        <source>The vault&apos;s setting &apos;%1&apos; in this workspace is damaged; the vault cannot be opened.</source>
        <translation>Die Tresor-Einstellung „%1“ in diesem Arbeitsbereich ist beschädigt; der Tresor kann nicht geöffnet werden.</translation>
    </message>
    <message>
        <source>This workspace has no vault yet; set a passphrase first.</source>
        <translation>Dieser Arbeitsbereich hat noch keinen Tresor; legen Sie zuerst eine Passphrase fest.</translation>
    </message>
    <message>
        <source>Could not %1: %2</source>
        <translation>Fehlgeschlagen: %1: %2</translation>
    </message>
    <message>
        <source>This workspace&apos;s vault was made by a newer Mailroom (format &apos;%1&apos;); update Mailroom to open it.</source>
        <translation>Der Tresor dieses Arbeitsbereichs stammt von einem neueren Mailroom (Format „%1“); aktualisieren Sie Mailroom, um ihn zu öffnen.</translation>
    </message>
    <message>
        <source>The passphrase is empty; choose one that is long and hard to guess.</source>
        <translation>Die Passphrase ist leer; wählen Sie eine, die lang und schwer zu erraten ist.</translation>
    </message>
    <message>
        <source>The kind of secret &apos;%1&apos; is empty or holds a NUL character.</source>
        <translation>Die Art des Geheimnisses „%1“ ist leer oder enthält ein NUL-Zeichen.</translation>
    </message>
    <message>
        <source>The name of a secret of kind &apos;%1&apos; is empty or holds a NUL character.</source>
        <translation>Der Name eines Geheimnisses der Art „%1“ ist leer oder enthält ein NUL-Zeichen.</translation>
    </message>
    <message>
        <source>The secret &apos;%1&apos; (%2) is in a format this Mailroom does not know: it is damaged or from a newer Mailroom.</source>
        <translation>Das Geheimnis „%1“ (%2) hat ein Format, das dieses Mailroom nicht kennt: Es ist beschädigt oder stammt von einem neueren Mailroom.</translation>
    </message>
    <message>
        <source>The secret &apos;%1&apos; (%2) has been tampered with or copied from another row; it does not decrypt.</source>
        <translation>Das Geheimnis „%1“ (%2) wurde manipuliert oder aus einer anderen Zeile kopiert; es lässt sich nicht entschlüsseln.</translation>
    </message>
    <message>
        <source>decrypt a secret</source>
        <translation>Geheimnis entschlüsseln</translation>
    </message>
    <message>
        <source>create the vault</source>
        <translation>Tresor anlegen</translation>
    </message>
    <message>
        <source>This workspace already has a vault; open it with its passphrase.</source>
        <translation>Dieser Arbeitsbereich hat bereits einen Tresor; öffnen Sie ihn mit seiner Passphrase.</translation>
    </message>
    <message>
        <source>The passphrase does not open this workspace&apos;s vault.</source>
        <translation>Die Passphrase öffnet den Tresor dieses Arbeitsbereichs nicht.</translation>
    </message>
    <message>
        <source>open the vault</source>
        <translation>Tresor öffnen</translation>
    </message>
    <message>
        <source>This computer&apos;s keychain does not remember this workspace&apos;s vault; enter its passphrase.</source>
        <translation>Der Schlüsselbund dieses Computers kennt den Tresor dieses Arbeitsbereichs nicht; geben Sie seine Passphrase ein.</translation>
    </message>
    <message>
        <source>The key this computer&apos;s keychain holds for this workspace does not open its vault (it was replaced); enter its passphrase.</source>
        <translation>Der Schlüssel, den der Schlüsselbund dieses Computers für diesen Arbeitsbereich enthält, öffnet dessen Tresor nicht (er wurde ersetzt); geben Sie die Passphrase des Tresors ein.</translation>
    </message>
    <message>
        <source>The connection is to another workspace than this vault&apos;s.</source>
        <translation>Die Verbindung besteht zu einem anderen Arbeitsbereich als dem dieses Tresors.</translation>
    </message>
    <message>
        <source>encrypt a secret</source>
        <translation>Geheimnis verschlüsseln</translation>
    </message>
    <message>
        <source>There is no secret &apos;%1&apos; (%2) in this workspace.</source>
        <translation>In diesem Arbeitsbereich gibt es kein Geheimnis „%1“ (%2).</translation>
    </message>
    <message>
        <source>There is no secret with id %1 in this workspace.</source>
        <translation>In diesem Arbeitsbereich gibt es kein Geheimnis mit der ID %1.</translation>
    </message>
    <message>
        <source>The secret &apos;%1&apos; (%2) is still in use (a DKIM key refers to it); remove that first.</source>
        <translation>Das Geheimnis „%1“ (%2) wird noch verwendet (ein DKIM-Schlüssel verweist darauf); entfernen Sie diesen zuerst.</translation>
    </message>
    <message>
        <source>The current passphrase is not right; the passphrase was not changed.</source>
        <translation>Die aktuelle Passphrase ist nicht richtig; die Passphrase wurde nicht geändert.</translation>
    </message>
    <message>
        <source>change the passphrase</source>
        <translation>Passphrase ändern</translation>
    </message>
    <message>
        <source>The AES-256/GCM self-test gave a wrong answer; the crypto library is broken and no secret is safe.</source>
        <translation>Der Selbsttest von AES-256/GCM lieferte ein falsches Ergebnis; die Kryptobibliothek ist defekt und kein Geheimnis ist sicher.</translation>
    </message>
    <message>
        <source>The Argon2id self-test gave a wrong answer; the crypto library is broken and no secret is safe.</source>
        <translation>Der Selbsttest von Argon2id lieferte ein falsches Ergebnis; die Kryptobibliothek ist defekt und kein Geheimnis ist sicher.</translation>
    </message>
    <message>
        <source>run the crypto self-test</source>
        <translation>Krypto-Selbsttest ausführen</translation>
    </message>
</context>
<context>
    <name>VaultSession</name>
    <message>
        <source>Opening the vault…</source>
        <translation>Tresor wird geöffnet …</translation>
    </message>
    <message>
        <source>Unlock the Vault</source>
        <translation>Tresor entsperren</translation>
    </message>
    <message>
        <source>The passphrase of this workspace&apos;s vault (it keeps your DKIM keys and passwords):</source>
        <translation>Die Passphrase des Tresors dieses Arbeitsbereichs (er bewahrt Ihre DKIM-Schlüssel und Passwörter auf):</translation>
    </message>
    <message>
        <source>Create the Vault</source>
        <translation>Tresor anlegen</translation>
    </message>
    <message>
        <source>Choose a passphrase for this workspace&apos;s vault. It encrypts your DKIM keys and passwords; without it they cannot be read, so keep it safe:</source>
        <translation>Wählen Sie eine Passphrase für den Tresor dieses Arbeitsbereichs. Sie verschlüsselt Ihre DKIM-Schlüssel und Passwörter; ohne sie können diese nicht gelesen werden, bewahren Sie sie also sicher auf:</translation>
    </message>
    <message>
        <source>Vault</source>
        <translation>Tresor</translation>
    </message>
    <message>
        <source>The passphrase cannot be empty.</source>
        <translation>Die Passphrase darf nicht leer sein.</translation>
    </message>
    <message>
        <source>Type the passphrase again:</source>
        <translation>Geben Sie die Passphrase noch einmal ein:</translation>
    </message>
    <message>
        <source>The two passphrases differ; please try again.</source>
        <translation>Die beiden Passphrasen stimmen nicht überein; bitte versuchen Sie es noch einmal.</translation>
    </message>
</context>
<context>
    <name>Workspace</name>
    <message>
        <source>%1 already exists; Mailroom will not overwrite it. Open it instead, or choose another name.</source>
        <translation>%1 gibt es bereits; Mailroom überschreibt die Datei nicht. Öffnen Sie sie stattdessen oder wählen Sie einen anderen Namen.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>Der Ordner %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>There is no workspace at %1. Create one with &quot;mailroom-cli init&quot; or File &gt; New Workspace.</source>
        <translation>Unter %1 gibt es keinen Arbeitsbereich. Legen Sie einen mit „mailroom-cli init“ oder Datei &gt; Neuer Arbeitsbereich an.</translation>
    </message>
    <message>
        <source>%1 is a folder, not a Mailroom workspace file.</source>
        <translation>%1 ist ein Ordner, keine Mailroom-Arbeitsbereichsdatei.</translation>
    </message>
    <message>
        <source>The workspace %1 is read-only. Mailroom needs to write to the file and its folder; check their permissions or copy the workspace somewhere writable.</source>
        <translation>Der Arbeitsbereich %1 ist schreibgeschützt. Mailroom muss in die Datei und ihren Ordner schreiben; prüfen Sie die Berechtigungen oder kopieren Sie den Arbeitsbereich an einen beschreibbaren Ort.</translation>
    </message>
    <message>
        <source>%1 already exists; Mailroom will not overwrite it.</source>
        <translation>%1 gibt es bereits; Mailroom überschreibt die Datei nicht.</translation>
    </message>
    <message>
        <source>%1 is an empty database, not a Mailroom workspace.</source>
        <translation>%1 ist eine leere Datenbank, kein Mailroom-Arbeitsbereich.</translation>
    </message>
    <message>
        <source>The workspace %1 was made by a newer Mailroom (schema %2; this version reads up to %3). Update Mailroom to open it; this file was not changed.</source>
        <translation>Der Arbeitsbereich %1 stammt von einem neueren Mailroom (Schema %2; diese Version liest bis %3). Aktualisieren Sie Mailroom, um ihn zu öffnen; die Datei wurde nicht verändert.</translation>
    </message>
    <message>
        <source>Cannot read the workspace %1: %2</source>
        <translation>Der Arbeitsbereich %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 is an empty file, not a Mailroom workspace.</source>
        <translation>%1 ist eine leere Datei, kein Mailroom-Arbeitsbereich.</translation>
    </message>
    <message>
        <source>%1 is not a Mailroom workspace (it is not a database file, or it is damaged).</source>
        <translation>%1 ist kein Mailroom-Arbeitsbereich (keine Datenbankdatei, oder sie ist beschädigt).</translation>
    </message>
    <message>
        <source>The workspace %1 is open in another Mailroom (process %2 on %3). Close it there first.</source>
        <translation>Der Arbeitsbereich %1 ist in einem anderen Mailroom geöffnet (Prozess %2 auf %3). Schließen Sie ihn dort zuerst.</translation>
    </message>
    <message>
        <source>this computer</source>
        <translation>diesem Computer</translation>
    </message>
    <message>
        <source>Cannot lock the workspace %1: its folder is not writable.</source>
        <translation>Der Arbeitsbereich %1 kann nicht gesperrt werden: Sein Ordner ist schreibgeschützt.</translation>
    </message>
    <message>
        <source>The workspace %1 was made by an older Mailroom and must be upgraded first: open it in Mailroom, or run a command that changes it.</source>
        <translation>Der Arbeitsbereich %1 stammt von einem älteren Mailroom und muss zuerst aktualisiert werden: Öffnen Sie ihn in Mailroom oder führen Sie einen Befehl aus, der ihn ändert.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Mailroom: contacts and email campaigns.</source>
        <translation>Mailroom: Kontakte und E-Mail-Kampagnen.</translation>
    </message>
    <message>
        <source>Open the workspace at PATH (default: the last one used, else the demo).</source>
        <translation>Den Arbeitsbereich unter PFAD öffnen (sonst den zuletzt benutzten, sonst die Demo).</translation>
    </message>
    <message>
        <source>PATH</source>
        <translation>PFAD</translation>
    </message>
    <message>
        <source>Mailroom</source>
        <translation>Mailroom</translation>
    </message>
</context>
</TS>
