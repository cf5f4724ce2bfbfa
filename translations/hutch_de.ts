<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>ContainerListModel</name>
    <message>
        <location filename="../gui/containerlistmodel.cpp" line="33"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../gui/containerlistmodel.cpp" line="34"/>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <location filename="../gui/containerlistmodel.cpp" line="35"/>
        <source>IP addresses</source>
        <translation>IP-Adressen</translation>
    </message>
    <message>
        <location filename="../gui/containerlistmodel.cpp" line="36"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../gui/containerlistmodel.cpp" line="37"/>
        <source>Memory</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <location filename="../gui/containerlistmodel.cpp" line="38"/>
        <source>Autostart</source>
        <translation>Autostart</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../gui/mainwindow.cpp" line="91"/>
        <source>Hutch</source>
        <translation>Hutch</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="92"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="93"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="94"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="95"/>
        <source>&amp;About Hutch</source>
        <translation>Ü&amp;ber Hutch</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="97"/>
        <source>No connection to the Hutch helper service.</source>
        <translation>Keine Verbindung zum Hutch-Hilfsdienst.</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="98"/>
        <source>Containers are listed and managed by the hutch-helper system service over D-Bus. This version of Hutch cannot connect to it yet, so no containers are shown.</source>
        <translation>Container werden vom Systemdienst hutch-helper über D-Bus aufgelistet und verwaltet. Diese Version von Hutch kann sich noch nicht mit ihm verbinden, deshalb werden keine Container angezeigt.</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="103"/>
        <source>Not connected to the helper</source>
        <translation>Nicht mit dem Hilfsdienst verbunden</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="119"/>
        <source>Hutch %1</source>
        <translation>Hutch %1</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="120"/>
        <source>A desktop manager for Linux system containers.</source>
        <translation>Eine Desktop-Verwaltung für Linux-Systemcontainer.</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="121"/>
        <source>About Hutch</source>
        <translation>Über Hutch</translation>
    </message>
</context>
<context>
    <name>TerminalSearchBar</name>
    <message>
        <location filename="../gui/terminal/terminalsearchbar.cpp" line="111"/>
        <source>Search the scrollback</source>
        <translation>Verlauf durchsuchen</translation>
    </message>
    <message>
        <location filename="../gui/terminal/terminalsearchbar.cpp" line="112"/>
        <source>Find previous (Enter)</source>
        <translation>Vorherigen Treffer suchen (Eingabe)</translation>
    </message>
    <message>
        <location filename="../gui/terminal/terminalsearchbar.cpp" line="113"/>
        <source>Previous</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <location filename="../gui/terminal/terminalsearchbar.cpp" line="114"/>
        <source>Find next (Shift+Enter)</source>
        <translation>Nächsten Treffer suchen (Umschalt+Eingabe)</translation>
    </message>
    <message>
        <location filename="../gui/terminal/terminalsearchbar.cpp" line="115"/>
        <source>Next</source>
        <translation>Weiter</translation>
    </message>
    <message>
        <location filename="../gui/terminal/terminalsearchbar.cpp" line="116"/>
        <source>Match case</source>
        <translation>Groß-/Kleinschreibung beachten</translation>
    </message>
    <message>
        <location filename="../gui/terminal/terminalsearchbar.cpp" line="117"/>
        <source>Close the search bar (Escape)</source>
        <translation>Suchleiste schließen (Esc)</translation>
    </message>
    <message>
        <location filename="../gui/terminal/terminalsearchbar.cpp" line="118"/>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location filename="../gui/terminal/terminalsearchbar.cpp" line="119"/>
        <source>No matches</source>
        <translation>Keine Treffer</translation>
    </message>
</context>
<context>
    <name>TerminalWidget</name>
    <message>
        <location filename="../gui/terminal/terminalwidget.cpp" line="664"/>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <location filename="../gui/terminal/terminalwidget.cpp" line="668"/>
        <source>&amp;Paste</source>
        <translation>&amp;Einfügen</translation>
    </message>
    <message>
        <location filename="../gui/terminal/terminalwidget.cpp" line="672"/>
        <source>Select &amp;All</source>
        <translation>&amp;Alles auswählen</translation>
    </message>
    <message>
        <location filename="../gui/terminal/terminalwidget.cpp" line="675"/>
        <source>&amp;Find…</source>
        <translation>&amp;Suchen …</translation>
    </message>
    <message>
        <location filename="../gui/terminal/terminalwidget.cpp" line="679"/>
        <source>Zoom &amp;In</source>
        <translation>Ver&amp;größern</translation>
    </message>
    <message>
        <location filename="../gui/terminal/terminalwidget.cpp" line="682"/>
        <source>Zoom &amp;Out</source>
        <translation>Verklei&amp;nern</translation>
    </message>
    <message>
        <location filename="../gui/terminal/terminalwidget.cpp" line="685"/>
        <source>&amp;Reset Zoom</source>
        <translation>&amp;Originalgröße</translation>
    </message>
    <message>
        <location filename="../gui/terminal/terminalwidget.cpp" line="688"/>
        <source>C&amp;lear Scrollback</source>
        <translation>&amp;Verlauf löschen</translation>
    </message>
</context>
</TS>
