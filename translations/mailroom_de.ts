<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AddContactCommand</name>
    <message>
        <source>Add %1</source>
        <translation>%1 hinzufügen</translation>
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
</context>
</TS>
