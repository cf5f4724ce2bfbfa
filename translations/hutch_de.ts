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
        <location filename="../gui/mainwindow.cpp" line="90"/>
        <source>Hutch</source>
        <translation>Hutch</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="91"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="92"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="93"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="94"/>
        <source>&amp;About Hutch</source>
        <translation>Ü&amp;ber Hutch</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="96"/>
        <source>No connection to the Hutch helper service.</source>
        <translation>Keine Verbindung zum Hutch-Hilfsdienst.</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="97"/>
        <source>Containers are listed and managed by the hutch-helper system service over D-Bus. This version of Hutch cannot connect to it yet, so no containers are shown.</source>
        <translation>Container werden vom Systemdienst hutch-helper über D-Bus aufgelistet und verwaltet. Diese Version von Hutch kann sich noch nicht mit ihm verbinden, deshalb werden keine Container angezeigt.</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="102"/>
        <source>Not connected to the helper</source>
        <translation>Nicht mit dem Hilfsdienst verbunden</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="118"/>
        <source>Hutch %1</source>
        <translation>Hutch %1</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="119"/>
        <source>A desktop manager for Linux system containers.</source>
        <translation>Eine Desktop-Verwaltung für Linux-Systemcontainer.</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="120"/>
        <source>About Hutch</source>
        <translation>Über Hutch</translation>
    </message>
</context>
</TS>
