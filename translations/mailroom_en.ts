<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AddContactCommand</name>
    <message>
        <source>Add %1</source>
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
</context>
</TS>
