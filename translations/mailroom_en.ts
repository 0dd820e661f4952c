<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
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
    </context>
    <context>
        <name>GroupMembershipCommand</name>
        <message numerus="yes">
            <source>Tag %Ln contact(s) with "%1"</source>
            <translation>
                <numerusform>Tag %Ln contact with "%1"</numerusform>
                <numerusform>Tag %Ln contacts with "%1"</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Remove tag "%1" from %Ln contact(s)</source>
            <translation>
                <numerusform>Remove tag "%1" from %Ln contact</numerusform>
                <numerusform>Remove tag "%1" from %Ln contacts</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Add %Ln contact(s) to list "%1"</source>
            <translation>
                <numerusform>Add %Ln contact to list "%1"</numerusform>
                <numerusform>Add %Ln contacts to list "%1"</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Remove %Ln contact(s) from list "%1"</source>
            <translation>
                <numerusform>Remove %Ln contact from list "%1"</numerusform>
                <numerusform>Remove %Ln contacts from list "%1"</numerusform>
            </translation>
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
    </context>
</TS>
