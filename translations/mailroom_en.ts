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
