<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>AccessOptions</name>
    <message>
        <location filename="../gui/dialogs/accessoptions.cpp" line="19"/>
        <source>Account and Access</source>
        <translation>Konto und Zugang</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/accessoptions.cpp" line="24"/>
        <source>Share my home folder and account (%1)</source>
        <translation>Meinen persönlichen Ordner und mein Konto teilen (%1)</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/accessoptions.cpp" line="26"/>
        <source>Your account and password, with sudo, in the container; your home folder is mounted in it at each start.</source>
        <translation>Ihr Konto und Passwort, mit sudo, im Container; Ihr persönlicher Ordner wird bei jedem Start darin eingehängt.</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/accessoptions.cpp" line="36"/>
        <source>SSH &amp;key for root:</source>
        <translation>SSH-&amp;Schlüssel für root:</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/accessoptions.cpp" line="36"/>
        <source>Choose an SSH Public Key</source>
        <translation>Öffentlichen SSH-Schlüssel wählen</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/accessoptions.cpp" line="37"/>
        <source>cloud-init &amp;user data:</source>
        <translation>cloud-init-&amp;Benutzerdaten:</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/accessoptions.cpp" line="38"/>
        <source>Choose cloud-init User Data</source>
        <translation>cloud-init-Benutzerdaten wählen</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/accessoptions.cpp" line="40"/>
        <source>SSH public key file for root</source>
        <translation>Datei mit öffentlichem SSH-Schlüssel für root</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/accessoptions.cpp" line="41"/>
        <source>none (a .pub file)</source>
        <translation>keiner (eine .pub-Datei)</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/accessoptions.cpp" line="42"/>
        <source>cloud-init user data file</source>
        <translation>Datei mit cloud-init-Benutzerdaten</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/accessoptions.cpp" line="43"/>
        <source>none (for images with cloud-init)</source>
        <translation>keine (für Images mit cloud-init)</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/accessoptions.cpp" line="58"/>
        <source>Browse…</source>
        <translation>Durchsuchen …</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/accessoptions.cpp" line="74"/>
        <source>SSH key</source>
        <translation>SSH-Schlüssel</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/accessoptions.cpp" line="74"/>
        <source>User data</source>
        <translation>Benutzerdaten</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/accessoptions.cpp" line="80"/>
        <source>%1: there is no file &quot;%2&quot;.</source>
        <translation>%1: Es gibt keine Datei „%2“.</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/accessoptions.cpp" line="82"/>
        <source>%1: &quot;%2&quot; is not a file.</source>
        <translation>%1: „%2“ ist keine Datei.</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/accessoptions.cpp" line="84"/>
        <source>%1: you may not read &quot;%2&quot;.</source>
        <translation>%1: Sie dürfen „%2“ nicht lesen.</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/accessoptions.cpp" line="124"/>
        <source>Home folder and account of %1: shared</source>
        <translation>Persönlicher Ordner und Konto von %1: geteilt</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/accessoptions.cpp" line="126"/>
        <source>SSH key for root: %1</source>
        <translation>SSH-Schlüssel für root: %1</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/accessoptions.cpp" line="128"/>
        <source>cloud-init user data: %1</source>
        <translation>cloud-init-Benutzerdaten: %1</translation>
    </message>
</context>
<context>
    <name>ArchiveTransfers</name>
    <message>
        <location filename="../gui/feed/archivetransfers.cpp" line="79"/>
        <source>Archive compressed with xz</source>
        <translation>Mit xz komprimiertes Archiv</translation>
    </message>
    <message>
        <location filename="../gui/feed/archivetransfers.cpp" line="80"/>
        <source>Archive compressed with gzip</source>
        <translation>Mit gzip komprimiertes Archiv</translation>
    </message>
    <message>
        <location filename="../gui/feed/archivetransfers.cpp" line="81"/>
        <source>Archive compressed with zstd</source>
        <translation>Mit zstd komprimiertes Archiv</translation>
    </message>
    <message>
        <location filename="../gui/feed/archivetransfers.cpp" line="82"/>
        <source>Uncompressed archive</source>
        <translation>Unkomprimiertes Archiv</translation>
    </message>
    <message>
        <location filename="../gui/feed/archivetransfers.cpp" line="105"/>
        <source>Could not export &quot;%1&quot;</source>
        <translation>„%1“ konnte nicht exportiert werden</translation>
    </message>
    <message>
        <location filename="../gui/feed/archivetransfers.cpp" line="110"/>
        <source>%1: cannot create %2: %3</source>
        <translation>%1: %2 kann nicht angelegt werden: %3</translation>
    </message>
    <message>
        <location filename="../gui/feed/archivetransfers.cpp" line="138"/>
        <location filename="../gui/feed/archivetransfers.cpp" line="165"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../gui/feed/archivetransfers.cpp" line="145"/>
        <source>Could not import &quot;%1&quot;</source>
        <translation>„%1“ konnte nicht importiert werden</translation>
    </message>
    <message>
        <location filename="../gui/feed/archivetransfers.cpp" line="148"/>
        <source>%1: cannot read %2: %3</source>
        <translation>%1: %2 kann nicht gelesen werden: %3</translation>
    </message>
</context>
<context>
    <name>CloneDialog</name>
    <message>
        <location filename="../gui/dialogs/clonedialog.cpp" line="15"/>
        <source>&amp;Snapshot (copy-on-write: instant, shares unchanged files)</source>
        <translation>&amp;Schnappschuss (Copy-on-Write: sofort, teilt unveränderte Dateien)</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/clonedialog.cpp" line="19"/>
        <source>Clone &quot;%1&quot;</source>
        <translation>„%1“ klonen</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/clonedialog.cpp" line="34"/>
        <source>The storage of &quot;%1&quot; cannot be snapshotted; it is copied.</source>
        <translation>Vom Speicher von „%1“ gibt es keinen Schnappschuss; er wird kopiert.</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/clonedialog.cpp" line="36"/>
        <source>&amp;Clone</source>
        <translation>&amp;Klonen</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/clonedialog.cpp" line="43"/>
        <source>Source:</source>
        <translation>Quelle:</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/clonedialog.cpp" line="44"/>
        <source>&amp;Name of the copy:</source>
        <translation>&amp;Name der Kopie:</translation>
    </message>
</context>
<context>
    <name>ConfigEditor</name>
    <message>
        <location filename="../gui/widgets/configeditor.cpp" line="38"/>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <location filename="../gui/widgets/configeditor.cpp" line="39"/>
        <source>&amp;Revert</source>
        <translation>&amp;Zurücksetzen</translation>
    </message>
    <message>
        <location filename="../gui/widgets/configeditor.cpp" line="43"/>
        <source>Configuration file</source>
        <translation>Konfigurationsdatei</translation>
    </message>
    <message>
        <location filename="../gui/widgets/configeditor.cpp" line="51"/>
        <source>Problems in the configuration</source>
        <translation>Probleme in der Konfiguration</translation>
    </message>
    <message>
        <location filename="../gui/widgets/configeditor.cpp" line="57"/>
        <source>Save the configuration (%1)</source>
        <translation>Konfiguration speichern (%1)</translation>
    </message>
    <message>
        <location filename="../gui/widgets/configeditor.cpp" line="115"/>
        <source>Loading…</source>
        <translation>Wird geladen …</translation>
    </message>
    <message numerus="yes">
        <location filename="../gui/widgets/configeditor.cpp" line="211"/>
        <source>%n error(s) must be fixed before saving.</source>
        <translation>
            <numerusform>%n Fehler muss vor dem Speichern behoben werden.</numerusform>
            <numerusform>%n Fehler müssen vor dem Speichern behoben werden.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../gui/widgets/configeditor.cpp" line="276"/>
        <source>The configuration was changed elsewhere while saving; nothing was written. Save again to replace it, or Revert to load the new one.</source>
        <translation>Die Konfiguration wurde während des Speicherns anderswo geändert; es wurde nichts geschrieben. Speichern Sie erneut, um sie zu ersetzen, oder setzen Sie zurück, um die neue zu laden.</translation>
    </message>
    <message>
        <location filename="../gui/widgets/configeditor.cpp" line="255"/>
        <source>Saving…</source>
        <translation>Wird gespeichert …</translation>
    </message>
    <message>
        <location filename="../gui/widgets/configeditor.cpp" line="263"/>
        <source>Saved.</source>
        <translation>Gespeichert.</translation>
    </message>
</context>
<context>
    <name>ConsoleTab</name>
    <message>
        <location filename="../gui/widgets/consoletab.cpp" line="57"/>
        <source>%1 on %2</source>
        <translation>%1 auf %2</translation>
    </message>
    <message>
        <location filename="../gui/widgets/consoletab.cpp" line="59"/>
        <source>%1 — shell</source>
        <translation>%1 — Shell</translation>
    </message>
    <message>
        <location filename="../gui/widgets/consoletab.cpp" line="61"/>
        <source>%1 — console</source>
        <translation>%1 — Konsole</translation>
    </message>
    <message>
        <location filename="../gui/widgets/consoletab.cpp" line="62"/>
        <source>%1 — tty%2</source>
        <translation>%1 — tty%2</translation>
    </message>
    <message>
        <location filename="../gui/widgets/consoletab.cpp" line="89"/>
        <source>Paste Several Lines</source>
        <translation>Mehrere Zeilen einfügen</translation>
    </message>
    <message numerus="yes">
        <location filename="../gui/widgets/consoletab.cpp" line="90"/>
        <source>Paste %n lines into %1? Each line may run as a command.</source>
        <translation>
            <numerusform>%n Zeile in %1 einfügen? Jede Zeile kann als Befehl ausgeführt werden.</numerusform>
            <numerusform>%n Zeilen in %1 einfügen? Jede Zeile kann als Befehl ausgeführt werden.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../gui/widgets/consoletab.cpp" line="94"/>
        <source>Paste</source>
        <translation>Einfügen</translation>
    </message>
    <message>
        <location filename="../gui/widgets/consoletab.cpp" line="104"/>
        <source>The helper passed no terminal.</source>
        <translation>Der Hilfsdienst hat kein Terminal übergeben.</translation>
    </message>
    <message>
        <location filename="../gui/widgets/consoletab.cpp" line="121"/>
        <source>Connecting to %1…</source>
        <translation>Verbinde mit %1 …</translation>
    </message>
    <message>
        <location filename="../gui/widgets/consoletab.cpp" line="128"/>
        <location filename="../gui/widgets/consoletab.cpp" line="176"/>
        <source>Could not connect: %1</source>
        <translation>Verbindung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location filename="../gui/widgets/consoletab.cpp" line="165"/>
        <location filename="../gui/widgets/consoletab.cpp" line="284"/>
        <source>Disconnected from %1: %2</source>
        <translation>Verbindung zu %1 getrennt: %2</translation>
    </message>
    <message>
        <location filename="../gui/widgets/consoletab.cpp" line="224"/>
        <source>root has no password in %1, so a login as root on this console is refused. Log in as a user of the container, or open a Shell, which needs no login; there, passwd sets a password for root.</source>
        <translation>root hat in %1 kein Passwort, daher wird eine Anmeldung als root an dieser Konsole abgelehnt. Melden Sie sich als Benutzer des Containers an oder öffnen Sie eine Shell, die keine Anmeldung braucht; dort setzt passwd ein Passwort für root.</translation>
    </message>
    <message>
        <location filename="../gui/widgets/consoletab.cpp" line="256"/>
        <source>Detached. The container keeps running; close this tab or reconnect from the Console menu.</source>
        <translation>Getrennt. Der Container läuft weiter; schließen Sie diesen Reiter oder verbinden Sie sich über das Menü Konsole neu.</translation>
    </message>
    <message>
        <location filename="../gui/widgets/consoletab.cpp" line="283"/>
        <source>Disconnected from %1. Reconnect from the Console menu.</source>
        <translation>Verbindung zu %1 getrennt. Neu verbinden über das Menü Konsole.</translation>
    </message>
    <message>
        <location filename="../gui/widgets/consoletab.cpp" line="288"/>
        <source>The shell ended. It starts again when the container does, or reconnect from the Console menu.</source>
        <translation>Die Shell wurde beendet. Sie startet neu, wenn der Container startet, oder verbinden Sie sich über das Menü Konsole neu.</translation>
    </message>
    <message>
        <location filename="../gui/widgets/consoletab.cpp" line="290"/>
        <source>Disconnected. Reconnects when %1 runs again.</source>
        <translation>Getrennt. Verbindet sich neu, sobald %1 wieder läuft.</translation>
    </message>
    <message>
        <location filename="../gui/widgets/consoletab.cpp" line="200"/>
        <location filename="../gui/widgets/consoletab.cpp" line="280"/>
        <location filename="../gui/widgets/consoletab.cpp" line="304"/>
        <source>%1 is stopped. This tab reconnects when it starts again.</source>
        <translation>%1 ist gestoppt. Dieser Reiter verbindet sich neu, sobald er wieder startet.</translation>
    </message>
</context>
<context>
    <name>ConsoleWindow</name>
    <message>
        <location filename="../gui/consolewindow.cpp" line="23"/>
        <source>Consoles — Hutch</source>
        <translation>Konsolen — Hutch</translation>
    </message>
    <message>
        <location filename="../gui/consolewindow.cpp" line="44"/>
        <source>&amp;Console</source>
        <translation>&amp;Konsole</translation>
    </message>
    <message>
        <location filename="../gui/consolewindow.cpp" line="45"/>
        <source>&amp;Reconnect</source>
        <translation>&amp;Neu verbinden</translation>
    </message>
    <message>
        <location filename="../gui/consolewindow.cpp" line="51"/>
        <source>&amp;Detach</source>
        <translation>&amp;Trennen</translation>
    </message>
    <message>
        <location filename="../gui/consolewindow.cpp" line="58"/>
        <source>&amp;Move Tab to New Window</source>
        <translation>Reiter in neues &amp;Fenster verschieben</translation>
    </message>
    <message>
        <location filename="../gui/consolewindow.cpp" line="66"/>
        <source>&amp;Close Tab</source>
        <translation>Reiter &amp;schließen</translation>
    </message>
    <message>
        <location filename="../gui/consolewindow.cpp" line="71"/>
        <source>Send &amp;Key</source>
        <translation>&amp;Taste senden</translation>
    </message>
    <message>
        <location filename="../gui/consolewindow.cpp" line="75"/>
        <source>Ctrl+Alt+Del (Reboot)</source>
        <translation>Strg+Alt+Entf (Neustart)</translation>
    </message>
    <message>
        <location filename="../gui/consolewindow.cpp" line="79"/>
        <source>Ctrl+Alt+F1…F12</source>
        <translation>Strg+Alt+F1…F12</translation>
    </message>
    <message>
        <location filename="../gui/consolewindow.cpp" line="81"/>
        <source>Ctrl+Alt+F%1 (tty%1)</source>
        <translation>Strg+Alt+F%1 (tty%1)</translation>
    </message>
    <message>
        <location filename="../gui/consolewindow.cpp" line="90"/>
        <source>SysRq</source>
        <translation>S-Abf (SysRq)</translation>
    </message>
    <message>
        <location filename="../gui/consolewindow.cpp" line="93"/>
        <source>Magic SysRq would act on the host&apos;s kernel; containers cannot receive it.</source>
        <translation>Magic SysRq wirkt auf den Kernel des Rechners; Container können es nicht empfangen.</translation>
    </message>
    <message>
        <location filename="../gui/consolewindow.cpp" line="105"/>
        <source>Ctrl+Alt+Del</source>
        <translation>Strg+Alt+Entf</translation>
    </message>
    <message>
        <location filename="../gui/consolewindow.cpp" line="123"/>
        <source>The reboot failed.</source>
        <translation>Der Neustart ist fehlgeschlagen.</translation>
    </message>
    <message>
        <location filename="../gui/consolewindow.cpp" line="143"/>
        <source>%1 — Hutch</source>
        <translation>%1 — Hutch</translation>
    </message>
    <message>
        <location filename="../gui/consolewindow.cpp" line="196"/>
        <source>Close %1? The shell and what runs in it are ended.</source>
        <translation>%1 schließen? Die Shell und was darin läuft werden beendet.</translation>
    </message>
    <message>
        <location filename="../gui/consolewindow.cpp" line="197"/>
        <source>Close %1? The container keeps running.</source>
        <translation>%1 schließen? Der Container läuft weiter.</translation>
    </message>
    <message>
        <location filename="../gui/consolewindow.cpp" line="198"/>
        <source>Close Console</source>
        <translation>Konsole schließen</translation>
    </message>
    <message>
        <location filename="../gui/consolewindow.cpp" line="200"/>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
</context>
<context>
    <name>ContainerActions</name>
    <message>
        <location filename="../gui/containeractions.cpp" line="88"/>
        <source>&amp;Create…</source>
        <translation>&amp;Erstellen …</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="89"/>
        <source>&amp;Start</source>
        <translation>&amp;Starten</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="90"/>
        <source>S&amp;top (Kill)</source>
        <translation>S&amp;toppen (hart)</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="91"/>
        <source>Shut &amp;Down</source>
        <translation>&amp;Herunterfahren</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="92"/>
        <source>Re&amp;boot</source>
        <translation>Neu&amp;starten</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="93"/>
        <source>&amp;Freeze</source>
        <translation>&amp;Einfrieren</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="94"/>
        <source>&amp;Unfreeze</source>
        <translation>&amp;Auftauen</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="95"/>
        <source>&amp;Console</source>
        <translation>&amp;Konsole</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="96"/>
        <source>S&amp;hell</source>
        <translation>S&amp;hell</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="97"/>
        <source>C&amp;lone…</source>
        <translation>&amp;Klonen …</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="98"/>
        <source>&amp;Export…</source>
        <translation>E&amp;xportieren …</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="99"/>
        <source>&amp;Import…</source>
        <translation>&amp;Importieren …</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="100"/>
        <source>Re&amp;name…</source>
        <translation>&amp;Umbenennen …</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="101"/>
        <source>&amp;Destroy…</source>
        <translation>&amp;Vernichten …</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="102"/>
        <source>&amp;Properties</source>
        <translation>&amp;Eigenschaften</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="103"/>
        <source>&amp;Refresh</source>
        <translation>A&amp;ktualisieren</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="104"/>
        <source>Run a &amp;Throwaway Copy</source>
        <translation>&amp;Wegwerfkopie starten</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="105"/>
        <source>Copy as hutchctl Command</source>
        <translation>Als hutchctl-Befehl kopieren</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="177"/>
        <source>NAME</source>
        <translation>NAME</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="197"/>
        <source>Copied: %1</source>
        <translation>Kopiert: %1</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="204"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="278"/>
        <source>Stop Container</source>
        <translation>Container stoppen</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="278"/>
        <source>Reboot Container</source>
        <translation>Container neu starten</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="279"/>
        <source>Kill every process in &quot;%1&quot; now? Unsaved work in it is lost; Shut Down lets it end its programs cleanly.</source>
        <translation>Jetzt jeden Prozess in „%1“ beenden? Ungesicherte Arbeit darin geht verloren; „Herunterfahren“ lässt ihn seine Programme sauber beenden.</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="281"/>
        <source>Reboot &quot;%1&quot; now? Its programs are ended and its consoles start over.</source>
        <translation>„%1“ jetzt neu starten? Seine Programme werden beendet und seine Konsolen beginnen von vorn.</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="284"/>
        <source>Stop</source>
        <translation>Stoppen</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="284"/>
        <source>Reboot</source>
        <translation>Neu starten</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="286"/>
        <source>Do not ask again</source>
        <translation>Nicht mehr fragen</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="324"/>
        <source>Could not start &quot;%1&quot;</source>
        <translation>„%1“ konnte nicht gestartet werden</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="319"/>
        <source>Could not stop &quot;%1&quot;</source>
        <translation>„%1“ konnte nicht gestoppt werden</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="320"/>
        <source>Could not shut down &quot;%1&quot;</source>
        <translation>„%1“ konnte nicht heruntergefahren werden</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="321"/>
        <source>Could not reboot &quot;%1&quot;</source>
        <translation>„%1“ konnte nicht neu gestartet werden</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="322"/>
        <source>Could not freeze &quot;%1&quot;</source>
        <translation>„%1“ konnte nicht eingefroren werden</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="323"/>
        <source>Could not unfreeze &quot;%1&quot;</source>
        <translation>„%1“ konnte nicht aufgetaut werden</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="343"/>
        <source>Could not clone &quot;%1&quot;</source>
        <translation>„%1“ konnte nicht geklont werden</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="356"/>
        <source>Could not start a throwaway copy of &quot;%1&quot;</source>
        <translation>Eine Wegwerfkopie von „%1“ konnte nicht gestartet werden</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="370"/>
        <source>Could not rename &quot;%1&quot;</source>
        <translation>„%1“ konnte nicht umbenannt werden</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="382"/>
        <source>&quot;%1&quot; cannot be destroyed while snapshot clones use its files: %2. Destroy them first.</source>
        <translation>„%1“ kann nicht zerstört werden, solange Schnappschuss-Klone seine Dateien nutzen: %2. Zerstören Sie zuerst diese.</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="394"/>
        <source>Destroy the container &quot;%1&quot; and everything in it?</source>
        <translation>Den Container „%1“ mit allem, was er enthält, vernichten?</translation>
    </message>
    <message numerus="yes">
        <location filename="../gui/containeractions.cpp" line="395"/>
        <source>Destroy these %n containers and everything in them?

%1</source>
        <translation>
            <numerusform>Diesen %n Container mit allem, was er enthält, vernichten?

%1</numerusform>
            <numerusform>Diese %n Container mit allem, was sie enthalten, vernichten?

%1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="398"/>
        <source>Running containers are stopped first.</source>
        <translation>Laufende Container werden zuerst gestoppt.</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="400"/>
        <source>Destroy Container</source>
        <translation>Container vernichten</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="402"/>
        <source>Destroy</source>
        <translation>Vernichten</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="419"/>
        <source>Could not destroy &quot;%1&quot;</source>
        <translation>„%1“ konnte nicht vernichtet werden</translation>
    </message>
</context>
<context>
    <name>ContainerListModel</name>
    <message>
        <location filename="../gui/feed/containerlistmodel.cpp" line="34"/>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <location filename="../gui/feed/containerlistmodel.cpp" line="35"/>
        <source>Stopped</source>
        <translation>Gestoppt</translation>
    </message>
    <message>
        <location filename="../gui/feed/containerlistmodel.cpp" line="36"/>
        <source>Starting</source>
        <translation>Startet</translation>
    </message>
    <message>
        <location filename="../gui/feed/containerlistmodel.cpp" line="37"/>
        <source>Stopping</source>
        <translation>Stoppt</translation>
    </message>
    <message>
        <location filename="../gui/feed/containerlistmodel.cpp" line="38"/>
        <source>Aborting</source>
        <translation>Bricht ab</translation>
    </message>
    <message>
        <location filename="../gui/feed/containerlistmodel.cpp" line="39"/>
        <source>Freezing</source>
        <translation>Friert ein</translation>
    </message>
    <message>
        <location filename="../gui/feed/containerlistmodel.cpp" line="40"/>
        <source>Frozen</source>
        <translation>Eingefroren</translation>
    </message>
    <message>
        <location filename="../gui/feed/containerlistmodel.cpp" line="108"/>
        <source>Broken</source>
        <translation>Defekt</translation>
    </message>
    <message>
        <location filename="../gui/feed/containerlistmodel.cpp" line="114"/>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <location filename="../gui/feed/containerlistmodel.cpp" line="114"/>
        <source>No</source>
        <translation>Nein</translation>
    </message>
    <message>
        <location filename="../gui/feed/containerlistmodel.cpp" line="126"/>
        <source>This container&apos;s configuration cannot be used: %1</source>
        <translation>Die Konfiguration dieses Containers ist unbrauchbar: %1</translation>
    </message>
    <message>
        <location filename="../gui/feed/containerlistmodel.cpp" line="139"/>
        <source>Privileged</source>
        <translation>Privilegiert</translation>
    </message>
    <message>
        <location filename="../gui/feed/containerlistmodel.cpp" line="139"/>
        <source>Unprivileged</source>
        <translation>Unprivilegiert</translation>
    </message>
    <message>
        <location filename="../gui/feed/containerlistmodel.cpp" line="145"/>
        <source>Root inside this container is root on the host.</source>
        <translation>Root in diesem Container ist root auf dem Rechner.</translation>
    </message>
    <message>
        <location filename="../gui/feed/containerlistmodel.cpp" line="146"/>
        <source>Root inside this container is host user %1.</source>
        <translation>Root in diesem Container ist auf dem Rechner der Benutzer %1.</translation>
    </message>
    <message>
        <location filename="../gui/feed/containerlistmodel.cpp" line="154"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../gui/feed/containerlistmodel.cpp" line="155"/>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <location filename="../gui/feed/containerlistmodel.cpp" line="156"/>
        <source>IP addresses</source>
        <translation>IP-Adressen</translation>
    </message>
    <message>
        <location filename="../gui/feed/containerlistmodel.cpp" line="157"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../gui/feed/containerlistmodel.cpp" line="158"/>
        <source>Memory</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <location filename="../gui/feed/containerlistmodel.cpp" line="159"/>
        <source>Autostart</source>
        <translation>Autostart</translation>
    </message>
    <message>
        <location filename="../gui/feed/containerlistmodel.cpp" line="160"/>
        <source>Privileges</source>
        <translation>Rechte</translation>
    </message>
</context>
<context>
    <name>ContainerView</name>
    <message>
        <location filename="../gui/widgets/containerview.cpp" line="34"/>
        <source>Drag a container onto this list to clone it.</source>
        <translation>Ziehen Sie einen Container in diese Liste, um ihn zu klonen.</translation>
    </message>
    <message>
        <location filename="../gui/widgets/containerview.cpp" line="75"/>
        <source>Drop to clone &quot;%1&quot;</source>
        <translation>Loslassen, um „%1“ zu klonen</translation>
    </message>
</context>
<context>
    <name>CreateWizard</name>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="56"/>
        <source>Create Container</source>
        <translation>Container erstellen</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="64"/>
        <source>&amp;Create</source>
        <translation>&amp;Erstellen</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="96"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="97"/>
        <source>The container&apos;s name is also its directory and, by default, its hostname.</source>
        <translation>Der Name des Containers ist auch sein Verzeichnis und standardmäßig sein Rechnername.</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="100"/>
        <source>Container name</source>
        <translation>Containername</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="109"/>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="123"/>
        <location filename="../gui/dialogs/createwizard.cpp" line="129"/>
        <source>Template</source>
        <translation>Vorlage</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="124"/>
        <source>What the container&apos;s root filesystem is made from.</source>
        <translation>Woraus das Wurzeldateisystem des Containers entsteht.</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="141"/>
        <source>&amp;Template:</source>
        <translation>&amp;Vorlage:</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="155"/>
        <source>Storage, Network and Resources</source>
        <translation>Speicher, Netzwerk und Ressourcen</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="156"/>
        <source>Where the container lives, how it reaches the network, and what it may use.</source>
        <translation>Wo der Container liegt, wie er das Netzwerk erreicht und was er verbrauchen darf.</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="159"/>
        <source>Storage</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="160"/>
        <source>Best available</source>
        <translation>Das beste verfügbare</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="161"/>
        <source>Directory</source>
        <translation>Verzeichnis</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="162"/>
        <source>Btrfs subvolume</source>
        <translation>Btrfs-Subvolume</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="163"/>
        <source>LVM volume</source>
        <translation>LVM-Volume</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="166"/>
        <source>Network</source>
        <translation>Netzwerk</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="167"/>
        <source>As the template sets it</source>
        <translation>Wie die Vorlage es einrichtet</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="168"/>
        <source>Default bridge (veth)</source>
        <translation>Standardbrücke (veth)</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="169"/>
        <source>Isolated (no network)</source>
        <translation>Isoliert (kein Netzwerk)</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="170"/>
        <source>Host&apos;s network (no isolation)</source>
        <translation>Netzwerk des Rechners (keine Isolation)</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="175"/>
        <source> MiB</source>
        <translation> MiB</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="176"/>
        <location filename="../gui/dialogs/createwizard.cpp" line="183"/>
        <source>Unlimited</source>
        <translation>Unbegrenzt</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="182"/>
        <source> cores</source>
        <translation> Kerne</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="184"/>
        <source>Start when the computer starts</source>
        <translation>Beim Hochfahren des Rechners starten</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="188"/>
        <source>Privileged (root inside is root on the host)</source>
        <translation>Privilegiert (root im Container ist root auf dem Rechner)</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="190"/>
        <source>Warning: a program that escapes a privileged container owns this computer. Choose it only for images you trust; it needs an administrator&apos;s password.</source>
        <translation>Warnung: Ein Programm, das aus einem privilegierten Container ausbricht, beherrscht diesen Rechner. Nur für vertrauenswürdige Images wählen; es braucht das Passwort eines Administrators.</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="199"/>
        <source>&amp;Storage:</source>
        <translation>&amp;Speicher:</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="200"/>
        <source>N&amp;etwork:</source>
        <translation>N&amp;etzwerk:</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="201"/>
        <source>&amp;Memory limit:</source>
        <translation>&amp;Speichergrenze:</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="202"/>
        <source>C&amp;PU limit:</source>
        <translation>C&amp;PU-Grenze:</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="203"/>
        <source>Autostart:</source>
        <translation>Autostart:</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="208"/>
        <source>Security:</source>
        <translation>Sicherheit:</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="216"/>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="217"/>
        <source>Check the settings, then create the container.</source>
        <translation>Prüfen Sie die Einstellungen und erstellen Sie dann den Container.</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="233"/>
        <source>Creating</source>
        <translation>Erstellung</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="234"/>
        <source>The helper builds the container; closing this window cancels it.</source>
        <translation>Der Hilfsdienst baut den Container; das Schließen dieses Fensters bricht ab.</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="242"/>
        <source>Creation log</source>
        <translation>Protokoll der Erstellung</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="246"/>
        <source>Cancel Creation</source>
        <translation>Erstellung abbrechen</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="285"/>
        <source>The templates could not be listed: %1</source>
        <translation>Die Vorlagen konnten nicht aufgelistet werden: %1</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="343"/>
        <source>Browse…</source>
        <translation>Durchsuchen …</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="345"/>
        <source>Choose a File</source>
        <translation>Datei wählen</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="360"/>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="364"/>
        <source>Repeat</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="365"/>
        <source>Repeat the password</source>
        <translation>Passwort wiederholen</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="387"/>
        <source>%1:</source>
        <translation>%1:</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="398"/>
        <source>64-bit PC (amd64)</source>
        <translation>64-Bit-PC (amd64)</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="399"/>
        <source>32-bit PC (i386)</source>
        <translation>32-Bit-PC (i386)</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="400"/>
        <source>64-bit ARM (arm64)</source>
        <translation>64-Bit-ARM (arm64)</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="401"/>
        <source>32-bit ARM, hard float (armhf)</source>
        <translation>32-Bit-ARM, Hardware-Gleitkomma (armhf)</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="402"/>
        <source>32-bit ARM, soft float (armel)</source>
        <translation>32-Bit-ARM, Software-Gleitkomma (armel)</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="403"/>
        <source>64-bit POWER, little-endian (ppc64el)</source>
        <translation>64-Bit-POWER, Little-Endian (ppc64el)</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="404"/>
        <source>IBM Z (s390x)</source>
        <translation>IBM Z (s390x)</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="405"/>
        <source>64-bit RISC-V (riscv64)</source>
        <translation>64-Bit-RISC-V (riscv64)</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="414"/>
        <source>this computer&apos;s</source>
        <translation>die dieses Computers</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="417"/>
        <source>runs natively as 32-bit</source>
        <translation>läuft nativ als 32-Bit</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="420"/>
        <source>emulated by QEMU, slow</source>
        <translation>von QEMU emuliert, langsam</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="423"/>
        <source>needs qemu-user-static</source>
        <translation>braucht qemu-user-static</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="426"/>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="431"/>
        <source>The processor architecture of the container&apos;s programs</source>
        <translation>Die Prozessorarchitektur der Programme des Containers</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="451"/>
        <source>%1: the two entries differ.</source>
        <translation>%1: Die beiden Eingaben unterscheiden sich.</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="457"/>
        <source>Needed: %1.</source>
        <translation>Erforderlich: %1.</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="465"/>
        <source>%1: there is no file &quot;%2&quot;.</source>
        <translation>%1: Es gibt keine Datei „%2“.</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="467"/>
        <source>%1: &quot;%2&quot; is not a file.</source>
        <translation>%1: „%2“ ist keine Datei.</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="469"/>
        <source>%1: you may not read &quot;%2&quot;.</source>
        <translation>%1: Sie dürfen „%2“ nicht lesen.</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="573"/>
        <source>Name: %1</source>
        <translation>Name: %1</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="574"/>
        <source>Template: %1</source>
        <translation>Vorlage: %1</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="578"/>
        <source>(set)</source>
        <translation>(gesetzt)</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="582"/>
        <source>Storage: %1</source>
        <translation>Speicher: %1</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="583"/>
        <source>Network: %1</source>
        <translation>Netzwerk: %1</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="584"/>
        <source>Memory limit: %1</source>
        <translation>Speichergrenze: %1</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="585"/>
        <source>CPU limit: %1</source>
        <translation>CPU-Grenze: %1</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="586"/>
        <source>Autostart: %1</source>
        <translation>Autostart: %1</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="586"/>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="586"/>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="588"/>
        <source>Privileged: root inside is root on the host</source>
        <translation>Privilegiert: root im Container ist root auf dem Rechner</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="589"/>
        <source>Unprivileged: root inside is an ordinary user of the host</source>
        <translation>Unprivilegiert: root im Container ist ein gewöhnlicher Benutzer des Rechners</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="638"/>
        <source>The same with hutchctl:</source>
        <translation>Dasselbe mit hutchctl:</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="676"/>
        <source>Creating %1 from %2…</source>
        <translation>Erstelle %1 aus %2 …</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="712"/>
        <source>Cancelled. Nothing was created.</source>
        <translation>Abgebrochen. Es wurde nichts erstellt.</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="731"/>
        <source>&quot;%1&quot; was created.</source>
        <translation>„%1“ wurde erstellt.</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="733"/>
        <source>&quot;%1&quot; was created, but some settings were not applied: %2</source>
        <translation>„%1“ wurde erstellt, aber einige Einstellungen wurden nicht übernommen: %2</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="746"/>
        <source>Setting %1 = %2</source>
        <translation>Setze %1 = %2</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="751"/>
        <source>Setting resource limits</source>
        <translation>Setze Ressourcengrenzen</translation>
    </message>
</context>
<context>
    <name>DetailsPanel</name>
    <message>
        <location filename="../gui/widgets/detailspanel.cpp" line="17"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../gui/widgets/detailspanel.cpp" line="17"/>
        <source>Memory</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <location filename="../gui/widgets/detailspanel.cpp" line="18"/>
        <source>Network (in + out)</source>
        <translation>Netzwerk (ein + aus)</translation>
    </message>
    <message>
        <location filename="../gui/widgets/detailspanel.cpp" line="32"/>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <location filename="../gui/widgets/detailspanel.cpp" line="45"/>
        <source>start</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../gui/widgets/detailspanel.cpp" line="47"/>
        <source>stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <location filename="../gui/widgets/detailspanel.cpp" line="49"/>
        <source>frozen</source>
        <translation>eingefroren</translation>
    </message>
    <message>
        <location filename="../gui/widgets/detailspanel.cpp" line="78"/>
        <source>Select one container to see its details.</source>
        <translation>Wählen Sie einen Container, um Einzelheiten zu sehen.</translation>
    </message>
    <message>
        <location filename="../gui/widgets/detailspanel.cpp" line="82"/>
        <source>&lt;b&gt;%1&lt;/b&gt; — %2&lt;br&gt;Addresses: %3&lt;br&gt;Root filesystem: %4</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; — %2&lt;br&gt;Adressen: %3&lt;br&gt;Wurzeldateisystem: %4</translation>
    </message>
    <message>
        <location filename="../gui/widgets/detailspanel.cpp" line="84"/>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <location filename="../gui/widgets/detailspanel.cpp" line="122"/>
        <source>OOM kill</source>
        <translation>OOM-Kill</translation>
    </message>
</context>
<context>
    <name>FileTransfers</name>
    <message>
        <location filename="../gui/feed/filetransfers.cpp" line="100"/>
        <source>Could not copy &quot;%1&quot; into &quot;%2&quot;</source>
        <translation>„%1“ konnte nicht nach „%2“ kopiert werden</translation>
    </message>
    <message>
        <location filename="../gui/feed/filetransfers.cpp" line="103"/>
        <location filename="../gui/feed/filetransfers.cpp" line="109"/>
        <location filename="../gui/feed/filetransfers.cpp" line="147"/>
        <location filename="../gui/feed/filetransfers.cpp" line="159"/>
        <location filename="../gui/feed/filetransfers.cpp" line="192"/>
        <location filename="../gui/feed/filetransfers.cpp" line="216"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../gui/feed/filetransfers.cpp" line="154"/>
        <source>Could not copy &quot;%1&quot; out of &quot;%2&quot;</source>
        <translation>„%1“ konnte nicht aus „%2“ kopiert werden</translation>
    </message>
</context>
<context>
    <name>FilesView</name>
    <message>
        <location filename="../gui/widgets/filesview.cpp" line="106"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../gui/widgets/filesview.cpp" line="106"/>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <location filename="../gui/widgets/filesview.cpp" line="106"/>
        <source>Mode</source>
        <translation>Rechte</translation>
    </message>
    <message>
        <location filename="../gui/widgets/filesview.cpp" line="106"/>
        <source>Owner</source>
        <translation>Besitzer</translation>
    </message>
    <message>
        <location filename="../gui/widgets/filesview.cpp" line="107"/>
        <source>Up one directory</source>
        <translation>Ein Verzeichnis nach oben</translation>
    </message>
    <message>
        <location filename="../gui/widgets/filesview.cpp" line="108"/>
        <source>A directory in the container</source>
        <translation>Ein Verzeichnis im Container</translation>
    </message>
    <message>
        <location filename="../gui/widgets/filesview.cpp" line="109"/>
        <source>&amp;Upload…</source>
        <translation>&amp;Hochladen …</translation>
    </message>
    <message>
        <location filename="../gui/widgets/filesview.cpp" line="110"/>
        <source>Do&amp;wnload…</source>
        <translation>Herunter&amp;laden …</translation>
    </message>
    <message>
        <location filename="../gui/widgets/filesview.cpp" line="111"/>
        <source>New &amp;Folder…</source>
        <translation>Neuer &amp;Ordner …</translation>
    </message>
    <message>
        <location filename="../gui/widgets/filesview.cpp" line="112"/>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen …</translation>
    </message>
    <message>
        <location filename="../gui/widgets/filesview.cpp" line="170"/>
        <source>Link to %1</source>
        <translation>Verweis auf %1</translation>
    </message>
    <message>
        <location filename="../gui/widgets/filesview.cpp" line="181"/>
        <source>Could not list &quot;%1&quot;: %2</source>
        <translation>„%1“ konnte nicht aufgelistet werden: %2</translation>
    </message>
    <message>
        <location filename="../gui/widgets/filesview.cpp" line="193"/>
        <source>Upload into %1</source>
        <translation>Nach %1 hochladen</translation>
    </message>
    <message>
        <location filename="../gui/widgets/filesview.cpp" line="203"/>
        <source>Download &quot;%1&quot; into</source>
        <translation>„%1“ herunterladen nach</translation>
    </message>
    <message>
        <location filename="../gui/widgets/filesview.cpp" line="212"/>
        <source>New Folder</source>
        <translation>Neuer Ordner</translation>
    </message>
    <message>
        <location filename="../gui/widgets/filesview.cpp" line="213"/>
        <source>Name of the new folder in %1:</source>
        <translation>Name des neuen Ordners in %1:</translation>
    </message>
    <message>
        <location filename="../gui/widgets/filesview.cpp" line="219"/>
        <source>A folder name cannot hold &quot;/&quot; or be &quot;.&quot; or &quot;..&quot;.</source>
        <translation>Ein Ordnername darf kein „/“ enthalten und nicht „.“ oder „..“ sein.</translation>
    </message>
    <message>
        <location filename="../gui/widgets/filesview.cpp" line="226"/>
        <source>Could not make &quot;%1&quot;: %2</source>
        <translation>„%1“ konnte nicht angelegt werden: %2</translation>
    </message>
    <message>
        <location filename="../gui/widgets/filesview.cpp" line="235"/>
        <location filename="../gui/widgets/filesview.cpp" line="239"/>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <location filename="../gui/widgets/filesview.cpp" line="236"/>
        <source>Delete &quot;%1&quot; in &quot;%2&quot;, with everything in it if it is a folder?</source>
        <translation>„%1“ in „%2“ löschen, bei einem Ordner mit allem, was darin ist?</translation>
    </message>
    <message>
        <location filename="../gui/widgets/filesview.cpp" line="248"/>
        <source>Could not delete &quot;%1&quot;: %2</source>
        <translation>„%1“ konnte nicht gelöscht werden: %2</translation>
    </message>
</context>
<context>
    <name>HelperConnection</name>
    <message>
        <location filename="../gui/feed/helperconnection.cpp" line="65"/>
        <source>the system bus</source>
        <translation>dem Systembus</translation>
    </message>
    <message>
        <location filename="../gui/feed/helperconnection.cpp" line="65"/>
        <source>the bus at %1</source>
        <translation>dem Bus unter %1</translation>
    </message>
    <message>
        <location filename="../gui/feed/helperconnection.cpp" line="114"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../gui/feed/helperconnection.cpp" line="118"/>
        <source>You are not allowed to do this. Nothing was changed.</source>
        <translation>Dazu sind Sie nicht berechtigt. Es wurde nichts verändert.</translation>
    </message>
    <message>
        <location filename="../gui/feed/helperconnection.cpp" line="119"/>
        <source>Invalid input</source>
        <translation>Ungültige Eingabe</translation>
    </message>
    <message>
        <location filename="../gui/feed/helperconnection.cpp" line="120"/>
        <source>Not found</source>
        <translation>Nicht gefunden</translation>
    </message>
    <message>
        <location filename="../gui/feed/helperconnection.cpp" line="121"/>
        <source>Not possible right now</source>
        <translation>Gerade nicht möglich</translation>
    </message>
    <message>
        <location filename="../gui/feed/helperconnection.cpp" line="122"/>
        <source>Not possible</source>
        <translation>Nicht möglich</translation>
    </message>
    <message>
        <location filename="../gui/feed/helperconnection.cpp" line="123"/>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <location filename="../gui/feed/helperconnection.cpp" line="124"/>
        <source>The system refused</source>
        <translation>Das System hat abgelehnt</translation>
    </message>
    <message>
        <location filename="../gui/feed/helperconnection.cpp" line="129"/>
        <source>The Hutch helper service is not running.</source>
        <translation>Der Hutch-Hilfsdienst läuft nicht.</translation>
    </message>
    <message>
        <location filename="../gui/feed/helperconnection.cpp" line="132"/>
        <source>The Hutch helper service did not answer in time.</source>
        <translation>Der Hutch-Hilfsdienst hat nicht rechtzeitig geantwortet.</translation>
    </message>
    <message>
        <location filename="../gui/feed/helperconnection.cpp" line="134"/>
        <source>The system bus does not let Hutch talk to its helper service.</source>
        <translation>Der Systembus lässt Hutch nicht mit seinem Hilfsdienst sprechen.</translation>
    </message>
    <message>
        <location filename="../gui/feed/helperconnection.cpp" line="136"/>
        <source>The Hutch helper service could not be reached.</source>
        <translation>Der Hutch-Hilfsdienst ist nicht erreichbar.</translation>
    </message>
</context>
<context>
    <name>HistoryGraph</name>
    <message>
        <location filename="../gui/widgets/historygraph.cpp" line="135"/>
        <location filename="../gui/widgets/historygraph.cpp" line="142"/>
        <source>%1 at %2</source>
        <translation>%1 um %2</translation>
    </message>
</context>
<context>
    <name>HostCheckDialog</name>
    <message>
        <location filename="../gui/dialogs/hostcheckdialog.cpp" line="18"/>
        <source>Host Check</source>
        <translation>Host-Prüfung</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/hostcheckdialog.cpp" line="21"/>
        <source>Feature</source>
        <translation>Funktion</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/hostcheckdialog.cpp" line="21"/>
        <source>Verdict</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/hostcheckdialog.cpp" line="21"/>
        <source>What was found</source>
        <translation>Befund</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/hostcheckdialog.cpp" line="21"/>
        <source>Without it</source>
        <translation>Ohne sie</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/hostcheckdialog.cpp" line="22"/>
        <source>Host features</source>
        <translation>Funktionen des Hosts</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/hostcheckdialog.cpp" line="29"/>
        <source>Check &amp;Again</source>
        <translation>&amp;Erneut prüfen</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/hostcheckdialog.cpp" line="41"/>
        <source>Checking this host…</source>
        <translation>Dieser Host wird geprüft…</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/hostcheckdialog.cpp" line="48"/>
        <source>The host check failed: %1</source>
        <translation>Die Host-Prüfung ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/hostcheckdialog.cpp" line="61"/>
        <source>Available</source>
        <translation>Vorhanden</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/hostcheckdialog.cpp" line="61"/>
        <source>Limited</source>
        <translation>Eingeschränkt</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/hostcheckdialog.cpp" line="61"/>
        <source>Missing</source>
        <translation>Fehlt</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/hostcheckdialog.cpp" line="71"/>
        <source>This host offers everything Hutch uses.</source>
        <translation>Dieser Host bietet alles, was Hutch nutzt.</translation>
    </message>
    <message numerus="yes">
        <location filename="../gui/dialogs/hostcheckdialog.cpp" line="72"/>
        <source>%n feature(s) missing or limited on this host.</source>
        <translation>
            <numerusform>%n Funktion fehlt oder ist eingeschränkt.</numerusform>
            <numerusform>%n Funktionen fehlen oder sind eingeschränkt.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HostTransfers</name>
    <message>
        <location filename="../gui/feed/hosttransfers.cpp" line="62"/>
        <source>hutchctl could not be started: %1</source>
        <translation>hutchctl konnte nicht gestartet werden: %1</translation>
    </message>
    <message>
        <location filename="../gui/feed/hosttransfers.cpp" line="67"/>
        <source>hutchctl ended without saying why</source>
        <translation>hutchctl wurde ohne Angabe von Gründen beendet</translation>
    </message>
</context>
<context>
    <name>HostsPanel</name>
    <message>
        <location filename="../gui/widgets/hostspanel.cpp" line="142"/>
        <source>Host</source>
        <translation>Rechner</translation>
    </message>
    <message>
        <location filename="../gui/widgets/hostspanel.cpp" line="142"/>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <location filename="../gui/widgets/hostspanel.cpp" line="142"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../gui/widgets/hostspanel.cpp" line="142"/>
        <source>Memory</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <location filename="../gui/widgets/hostspanel.cpp" line="148"/>
        <source>Hosts</source>
        <translation>Rechner</translation>
    </message>
    <message>
        <location filename="../gui/widgets/hostspanel.cpp" line="149"/>
        <source>Drag a stopped container onto another host to copy it there; hold Shift to move it.</source>
        <translation>Ziehen Sie einen gestoppten Container auf einen anderen Rechner, um ihn dorthin zu kopieren; mit gedrückter Umschalttaste wird er verschoben.</translation>
    </message>
    <message>
        <location filename="../gui/widgets/hostspanel.cpp" line="154"/>
        <source>Add Host…</source>
        <translation>Rechner hinzufügen …</translation>
    </message>
    <message>
        <location filename="../gui/widgets/hostspanel.cpp" line="156"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location filename="../gui/widgets/hostspanel.cpp" line="158"/>
        <source>Reconnect</source>
        <translation>Neu verbinden</translation>
    </message>
    <message>
        <location filename="../gui/widgets/hostspanel.cpp" line="238"/>
        <source>This computer</source>
        <translation>Dieser Computer</translation>
    </message>
    <message>
        <location filename="../gui/widgets/hostspanel.cpp" line="285"/>
        <source>&amp;Console</source>
        <translation>&amp;Konsole</translation>
    </message>
    <message>
        <location filename="../gui/widgets/hostspanel.cpp" line="288"/>
        <source>S&amp;hell</source>
        <translation>S&amp;hell</translation>
    </message>
    <message>
        <location filename="../gui/widgets/hostspanel.cpp" line="319"/>
        <source>Connecting…</source>
        <translation>Verbinde …</translation>
    </message>
    <message>
        <location filename="../gui/widgets/hostspanel.cpp" line="320"/>
        <source>Connected</source>
        <translation>Verbunden</translation>
    </message>
    <message>
        <location filename="../gui/widgets/hostspanel.cpp" line="321"/>
        <source>Not reachable</source>
        <translation>Nicht erreichbar</translation>
    </message>
    <message>
        <location filename="../gui/widgets/hostspanel.cpp" line="364"/>
        <source>&quot;%1&quot; is running: stop it before copying or moving it to another host.</source>
        <translation>„%1“ läuft: Stoppen Sie ihn, bevor Sie ihn auf einen anderen Rechner kopieren oder verschieben.</translation>
    </message>
    <message>
        <location filename="../gui/widgets/hostspanel.cpp" line="374"/>
        <source>this computer</source>
        <translation>diesen Computer</translation>
    </message>
    <message>
        <location filename="../gui/widgets/hostspanel.cpp" line="376"/>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <location filename="../gui/widgets/hostspanel.cpp" line="385"/>
        <source>Add Host</source>
        <translation>Rechner hinzufügen</translation>
    </message>
    <message>
        <location filename="../gui/widgets/hostspanel.cpp" line="390"/>
        <source>a host name, an address or an ssh_config alias</source>
        <translation>ein Rechnername, eine Adresse oder ein Alias aus ssh_config</translation>
    </message>
    <message>
        <location filename="../gui/widgets/hostspanel.cpp" line="393"/>
        <source>as ssh chooses</source>
        <translation>wie ssh es wählt</translation>
    </message>
    <message>
        <location filename="../gui/widgets/hostspanel.cpp" line="399"/>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <location filename="../gui/widgets/hostspanel.cpp" line="400"/>
        <source>&amp;Address:</source>
        <translation>&amp;Adresse:</translation>
    </message>
    <message>
        <location filename="../gui/widgets/hostspanel.cpp" line="401"/>
        <source>SSH &amp;user:</source>
        <translation>SSH-&amp;Benutzer:</translation>
    </message>
    <message>
        <location filename="../gui/widgets/hostspanel.cpp" line="402"/>
        <source>Hutch reaches the host with ssh; hutchctl and Hutch&apos;s helper must be installed there.</source>
        <translation>Hutch erreicht den Rechner über ssh; hutchctl und der Hilfsdienst von Hutch müssen dort installiert sein.</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../gui/dialogs/importdialog.cpp" line="23"/>
        <source>Import &quot;%1&quot;</source>
        <translation>„%1“ importieren</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/importdialog.cpp" line="25"/>
        <source>As in the archive</source>
        <translation>Wie im Archiv</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/importdialog.cpp" line="26"/>
        <source>New name</source>
        <translation>Neuer Name</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/importdialog.cpp" line="27"/>
        <source>Leave empty to keep the name stored in the archive. A new name also gives the container a new hostname and new MAC addresses, as a clone gets.</source>
        <translation>Leer lassen, um den im Archiv gespeicherten Namen zu behalten. Ein neuer Name gibt dem Container auch einen neuen Hostnamen und neue MAC-Adressen, wie sie ein Klon bekommt.</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/importdialog.cpp" line="32"/>
        <source>Storage</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/importdialog.cpp" line="33"/>
        <source>Best available</source>
        <translation>Das beste verfügbare</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/importdialog.cpp" line="34"/>
        <source>Directory</source>
        <translation>Verzeichnis</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/importdialog.cpp" line="35"/>
        <source>Btrfs subvolume</source>
        <translation>Btrfs-Subvolume</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/importdialog.cpp" line="36"/>
        <source>LVM volume</source>
        <translation>LVM-Volume</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/importdialog.cpp" line="41"/>
        <source>&amp;Import</source>
        <translation>&amp;Importieren</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/importdialog.cpp" line="52"/>
        <source>Archive:</source>
        <translation>Archiv:</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/importdialog.cpp" line="53"/>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/importdialog.cpp" line="55"/>
        <source>&amp;Storage:</source>
        <translation>&amp;Speicher:</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/importdialog.cpp" line="56"/>
        <source>Command:</source>
        <translation>Befehl:</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/importdialog.cpp" line="89"/>
        <source>As in the archive: %1</source>
        <translation>Wie im Archiv: %1</translation>
    </message>
</context>
<context>
    <name>LogView</name>
    <message>
        <location filename="../gui/widgets/logview.cpp" line="20"/>
        <source>&amp;Follow</source>
        <translation>&amp;Mitlaufen</translation>
    </message>
    <message>
        <location filename="../gui/widgets/logview.cpp" line="20"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <location filename="../gui/widgets/logview.cpp" line="25"/>
        <source>Container log</source>
        <translation>Container-Protokoll</translation>
    </message>
    <message>
        <location filename="../gui/widgets/logview.cpp" line="31"/>
        <source>While the log is shown, fetch it again every few seconds and keep the end in view</source>
        <translation>Solange das Protokoll zu sehen ist, es alle paar Sekunden neu abrufen und das Ende im Blick behalten</translation>
    </message>
    <message>
        <location filename="../gui/widgets/logview.cpp" line="134"/>
        <source>The log is empty.</source>
        <translation>Das Protokoll ist leer.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../gui/mainwindow.cpp" line="205"/>
        <source>Containers</source>
        <translation>Container</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="298"/>
        <source>Host &amp;Check…</source>
        <translation>Host-&amp;Prüfung…</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="315"/>
        <source>Main</source>
        <translation>Haupt</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="357"/>
        <source>limit %1</source>
        <translation>Grenze %1</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="382"/>
        <source>Drag &quot;%1&quot; onto the list to clone it; double-click or Return opens it.</source>
        <translation>Ziehen Sie „%1“ in die Liste, um ihn zu klonen; Doppelklick oder Eingabe öffnet ihn.</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="422"/>
        <source>Export finished: &quot;%1&quot; is in %2.</source>
        <translation>Export abgeschlossen: „%1“ liegt in %2.</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="423"/>
        <source>Show in &amp;Folder</source>
        <translation>Im &amp;Ordner zeigen</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="441"/>
        <source>Cancelled: %1 of &quot;%2&quot;</source>
        <translation>Abgebrochen: %1 von „%2“</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="443"/>
        <source>%1 of &quot;%2&quot; failed: %3</source>
        <translation>%1 von „%2“ fehlgeschlagen: %3</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="496"/>
        <source>&amp;Console</source>
        <translation>&amp;Konsole</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="500"/>
        <source>Main &amp;Console</source>
        <translation>Haupt&amp;konsole</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="505"/>
        <source>tty&amp;%1</source>
        <translation>tty&amp;%1</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="548"/>
        <source>&quot;%1&quot; is %2. Stop it before cloning it.</source>
        <translation>„%1“ ist: %2. Stoppen Sie ihn vor dem Klonen.</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="563"/>
        <source>Export &quot;%1&quot;</source>
        <translation>„%1“ exportieren</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="597"/>
        <source>Container archives</source>
        <translation>Container-Archive</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="598"/>
        <source>All files</source>
        <translation>Alle Dateien</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="599"/>
        <source>Import Container</source>
        <translation>Container importieren</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="641"/>
        <source>Copy into &quot;%1&quot;</source>
        <translation>Nach „%1“ kopieren</translation>
    </message>
    <message numerus="yes">
        <location filename="../gui/mainwindow.cpp" line="642"/>
        <source>Copy %n item(s) into this directory of &quot;%1&quot;:</source>
        <translation>
            <numerusform>%n Element in dieses Verzeichnis von „%1“ kopieren:</numerusform>
            <numerusform>%n Elemente in dieses Verzeichnis von „%1“ kopieren:</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="649"/>
        <source>&quot;%1&quot; is not a directory of the container: it must start with &quot;/&quot;.</source>
        <translation>„%1“ ist kein Verzeichnis des Containers: es muss mit „/“ beginnen.</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="659"/>
        <source>Connected to the helper on %1</source>
        <translation>Mit dem Hilfsdienst auf %1 verbunden</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="662"/>
        <source>hutch-helper is not running on %1. Hutch reconnects when it starts.</source>
        <translation>hutch-helper läuft nicht auf %1. Hutch verbindet sich neu, sobald er startet.</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="680"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="688"/>
        <source>Containers are listed and managed by the hutch-helper system service over D-Bus. Hutch connects by itself as soon as the service runs.</source>
        <translation>Container werden vom Systemdienst hutch-helper über D-Bus aufgelistet und verwaltet. Hutch verbindet sich selbst, sobald der Dienst läuft.</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="691"/>
        <source>No containers yet.</source>
        <translation>Noch keine Container.</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="692"/>
        <source>Create one with %1, or import an archive with %2.</source>
        <translation>Erstellen Sie einen mit %1 oder importieren Sie ein Archiv mit %2.</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="696"/>
        <source>No container matches &quot;%1&quot;.</source>
        <translation>Kein Container passt zu „%1“.</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="706"/>
        <source>Hutch</source>
        <translation>Hutch</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="707"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="708"/>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="709"/>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen …</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="710"/>
        <source>&amp;Container</source>
        <translation>&amp;Container</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="711"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="712"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="713"/>
        <source>&amp;Find…</source>
        <translation>&amp;Suchen …</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="714"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="715"/>
        <source>&amp;About Hutch</source>
        <translation>Ü&amp;ber Hutch</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="687"/>
        <source>No connection to the Hutch helper service.</source>
        <translation>Keine Verbindung zum Hutch-Hilfsdienst.</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="660"/>
        <source>Not connected to the helper</source>
        <translation>Nicht mit dem Hilfsdienst verbunden</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="716"/>
        <source>Filter by name or address</source>
        <translation>Nach Name oder Adresse filtern</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="717"/>
        <source>Filter containers</source>
        <translation>Container filtern</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="718"/>
        <source>Operations</source>
        <translation>Vorgänge</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="719"/>
        <source>Resources</source>
        <translation>Ressourcen</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="720"/>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="721"/>
        <source>Files</source>
        <translation>Dateien</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="722"/>
        <source>Hosts</source>
        <translation>Rechner</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="740"/>
        <source>Hutch %1</source>
        <translation>Hutch %1</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="741"/>
        <source>A desktop manager for Linux system containers.</source>
        <translation>Eine Desktop-Verwaltung für Linux-Systemcontainer.</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="743"/>
        <source>About Hutch</source>
        <translation>Über Hutch</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <location filename="../gui/widgets/messagebar.cpp" line="22"/>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location filename="../gui/widgets/messagebar.cpp" line="23"/>
        <source>Dismiss message</source>
        <translation>Meldung schließen</translation>
    </message>
</context>
<context>
    <name>NameCheck</name>
    <message>
        <location filename="../gui/feed/namecheck.cpp" line="11"/>
        <source>Enter a name.</source>
        <translation>Geben Sie einen Namen ein.</translation>
    </message>
    <message>
        <location filename="../gui/feed/namecheck.cpp" line="13"/>
        <source>This name cannot be used: %1</source>
        <translation>Dieser Name ist nicht möglich: %1</translation>
    </message>
    <message>
        <location filename="../gui/feed/namecheck.cpp" line="15"/>
        <source>A container named &quot;%1&quot; exists already.</source>
        <translation>Ein Container namens „%1“ existiert bereits.</translation>
    </message>
</context>
<context>
    <name>OperationsPanel</name>
    <message>
        <location filename="../gui/widgets/operationspanel.cpp" line="28"/>
        <source>Operation</source>
        <translation>Vorgang</translation>
    </message>
    <message>
        <location filename="../gui/widgets/operationspanel.cpp" line="28"/>
        <source>Container</source>
        <translation>Container</translation>
    </message>
    <message>
        <location filename="../gui/widgets/operationspanel.cpp" line="28"/>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <location filename="../gui/widgets/operationspanel.cpp" line="31"/>
        <source>Running operations</source>
        <translation>Laufende Vorgänge</translation>
    </message>
    <message>
        <location filename="../gui/widgets/operationspanel.cpp" line="64"/>
        <source>Create</source>
        <translation>Erstellen</translation>
    </message>
    <message>
        <location filename="../gui/widgets/operationspanel.cpp" line="65"/>
        <source>Clone</source>
        <translation>Klonen</translation>
    </message>
    <message>
        <location filename="../gui/widgets/operationspanel.cpp" line="66"/>
        <source>Destroy</source>
        <translation>Vernichten</translation>
    </message>
    <message>
        <location filename="../gui/widgets/operationspanel.cpp" line="67"/>
        <source>Download</source>
        <translation>Herunterladen</translation>
    </message>
    <message>
        <location filename="../gui/widgets/operationspanel.cpp" line="68"/>
        <source>Snapshot</source>
        <translation>Schnappschuss</translation>
    </message>
    <message>
        <location filename="../gui/widgets/operationspanel.cpp" line="69"/>
        <source>Restore snapshot</source>
        <translation>Schnappschuss wiederherstellen</translation>
    </message>
    <message>
        <location filename="../gui/widgets/operationspanel.cpp" line="70"/>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <location filename="../gui/widgets/operationspanel.cpp" line="71"/>
        <source>Import</source>
        <translation>Importieren</translation>
    </message>
    <message>
        <location filename="../gui/widgets/operationspanel.cpp" line="72"/>
        <source>Copy files in</source>
        <translation>Dateien hineinkopieren</translation>
    </message>
    <message>
        <location filename="../gui/widgets/operationspanel.cpp" line="73"/>
        <source>Copy files out</source>
        <translation>Dateien herauskopieren</translation>
    </message>
    <message>
        <location filename="../gui/widgets/operationspanel.cpp" line="74"/>
        <source>Copy to another host</source>
        <translation>Auf anderen Rechner kopieren</translation>
    </message>
    <message>
        <location filename="../gui/widgets/operationspanel.cpp" line="75"/>
        <source>Move to another host</source>
        <translation>Auf anderen Rechner verschieben</translation>
    </message>
    <message>
        <location filename="../gui/widgets/operationspanel.cpp" line="108"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../gui/widgets/operationspanel.cpp" line="110"/>
        <source>Cancel %1</source>
        <translation>%1 abbrechen</translation>
    </message>
</context>
<context>
    <name>PropertiesDialog</name>
    <message>
        <location filename="../gui/dialogs/propertiesdialog.cpp" line="43"/>
        <source>Properties of &quot;%1&quot;</source>
        <translation>Eigenschaften von „%1“</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/propertiesdialog.cpp" line="55"/>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/propertiesdialog.cpp" line="56"/>
        <source>State:</source>
        <translation>Zustand:</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/propertiesdialog.cpp" line="58"/>
        <source>Init PID:</source>
        <translation>PID von init:</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/propertiesdialog.cpp" line="59"/>
        <source>Hostname:</source>
        <translation>Rechnername:</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/propertiesdialog.cpp" line="60"/>
        <source>Root filesystem:</source>
        <translation>Wurzeldateisystem:</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/propertiesdialog.cpp" line="61"/>
        <source>Networks:</source>
        <translation>Netzwerke:</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/propertiesdialog.cpp" line="62"/>
        <source>IPv4:</source>
        <translation>IPv4:</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/propertiesdialog.cpp" line="63"/>
        <source>IPv6:</source>
        <translation>IPv6:</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/propertiesdialog.cpp" line="64"/>
        <source>Ttys:</source>
        <translation>Ttys:</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/propertiesdialog.cpp" line="65"/>
        <source>Memory limit:</source>
        <translation>Speichergrenze:</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/propertiesdialog.cpp" line="66"/>
        <source>Autostart:</source>
        <translation>Autostart:</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/propertiesdialog.cpp" line="66"/>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/propertiesdialog.cpp" line="66"/>
        <source>No</source>
        <translation>Nein</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/propertiesdialog.cpp" line="67"/>
        <source>Privileges:</source>
        <translation>Rechte:</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/propertiesdialog.cpp" line="70"/>
        <source>Problem:</source>
        <translation>Problem:</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/propertiesdialog.cpp" line="71"/>
        <source>&amp;General</source>
        <translation>&amp;Allgemein</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/propertiesdialog.cpp" line="77"/>
        <source>&amp;Configuration</source>
        <translation>&amp;Konfiguration</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/propertiesdialog.cpp" line="80"/>
        <source>&amp;Log</source>
        <translation>&amp;Protokoll</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/propertiesdialog.cpp" line="84"/>
        <source>Sna&amp;pshots</source>
        <translation>Schnappsc&amp;hüsse</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/propertiesdialog.cpp" line="97"/>
        <source>Unsaved Changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/propertiesdialog.cpp" line="98"/>
        <source>The configuration of &quot;%1&quot; has changes that are not saved.</source>
        <translation>Die Konfiguration von „%1“ hat Änderungen, die nicht gespeichert sind.</translation>
    </message>
</context>
<context>
    <name>RemoteHosts</name>
    <message>
        <location filename="../gui/feed/remotehosts.cpp" line="114"/>
        <source>The host needs a name.</source>
        <translation>Der Rechner braucht einen Namen.</translation>
    </message>
    <message>
        <location filename="../gui/feed/remotehosts.cpp" line="116"/>
        <source>The host needs an address.</source>
        <translation>Der Rechner braucht eine Adresse.</translation>
    </message>
    <message>
        <location filename="../gui/feed/remotehosts.cpp" line="118"/>
        <source>&quot;%1&quot; is not an address ssh can use ([user@]host).</source>
        <translation>„%1“ ist keine Adresse, die ssh verwenden kann ([Benutzer@]Rechner).</translation>
    </message>
    <message>
        <location filename="../gui/feed/remotehosts.cpp" line="179"/>
        <source>hutchctl could not be started: %1</source>
        <translation>hutchctl konnte nicht gestartet werden: %1</translation>
    </message>
    <message>
        <location filename="../gui/feed/remotehosts.cpp" line="267"/>
        <source>the host could not be reached</source>
        <translation>der Rechner war nicht erreichbar</translation>
    </message>
    <message>
        <location filename="../gui/feed/remotehosts.cpp" line="216"/>
        <location filename="../gui/feed/remotehosts.cpp" line="294"/>
        <location filename="../gui/feed/remotehosts.cpp" line="306"/>
        <source>the host&apos;s list of containers is too long</source>
        <translation>die Containerliste des Rechners ist zu lang</translation>
    </message>
    <message>
        <location filename="../gui/feed/remotehosts.cpp" line="292"/>
        <source>the host answered with something that is not a list of containers</source>
        <translation>der Rechner antwortete mit etwas, das keine Containerliste ist</translation>
    </message>
</context>
<context>
    <name>RemoteTerminal</name>
    <message>
        <location filename="../gui/feed/remoteterminal.cpp" line="47"/>
        <source>a connection is already under way</source>
        <translation>eine Verbindung wird bereits aufgebaut</translation>
    </message>
    <message>
        <location filename="../gui/feed/remoteterminal.cpp" line="52"/>
        <location filename="../gui/feed/remoteterminal.cpp" line="61"/>
        <source>no pseudo-terminal: %1</source>
        <translation>kein Pseudo-Terminal: %1</translation>
    </message>
    <message>
        <location filename="../gui/feed/remoteterminal.cpp" line="107"/>
        <source>hutchctl could not be started: %1</source>
        <translation>hutchctl konnte nicht gestartet werden: %1</translation>
    </message>
</context>
<context>
    <name>RenameDialog</name>
    <message>
        <location filename="../gui/dialogs/renamedialog.cpp" line="16"/>
        <source>Rename &quot;%1&quot;</source>
        <translation>„%1“ umbenennen</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/renamedialog.cpp" line="18"/>
        <source>New name</source>
        <translation>Neuer Name</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/renamedialog.cpp" line="23"/>
        <source>&amp;Rename</source>
        <translation>&amp;Umbenennen</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/renamedialog.cpp" line="31"/>
        <source>&amp;New name:</source>
        <translation>&amp;Neuer Name:</translation>
    </message>
</context>
<context>
    <name>ResourcesPanel</name>
    <message>
        <location filename="../gui/widgets/resourcespanel.cpp" line="75"/>
        <location filename="../gui/widgets/resourcespanel.cpp" line="79"/>
        <location filename="../gui/widgets/resourcespanel.cpp" line="83"/>
        <location filename="../gui/widgets/resourcespanel.cpp" line="84"/>
        <location filename="../gui/widgets/resourcespanel.cpp" line="104"/>
        <location filename="../gui/widgets/resourcespanel.cpp" line="108"/>
        <location filename="../gui/widgets/resourcespanel.cpp" line="112"/>
        <location filename="../gui/widgets/resourcespanel.cpp" line="113"/>
        <location filename="../gui/widgets/resourcespanel.cpp" line="243"/>
        <source>Unlimited</source>
        <translation>Unbegrenzt</translation>
    </message>
    <message>
        <location filename="../gui/widgets/resourcespanel.cpp" line="137"/>
        <source>&amp;Undo Last Change</source>
        <translation>Letzte Änderung &amp;rückgängig</translation>
    </message>
    <message>
        <location filename="../gui/widgets/resourcespanel.cpp" line="190"/>
        <source> cores</source>
        <translation> Kerne</translation>
    </message>
    <message>
        <location filename="../gui/widgets/resourcespanel.cpp" line="203"/>
        <source>CPU &amp;quota:</source>
        <translation>CPU-&amp;Kontingent:</translation>
    </message>
    <message>
        <location filename="../gui/widgets/resourcespanel.cpp" line="208"/>
        <location filename="../gui/widgets/resourcespanel.cpp" line="209"/>
        <source> MiB</source>
        <translation> MiB</translation>
    </message>
    <message>
        <location filename="../gui/widgets/resourcespanel.cpp" line="208"/>
        <source>&amp;Memory:</source>
        <translation>&amp;Speicher:</translation>
    </message>
    <message>
        <location filename="../gui/widgets/resourcespanel.cpp" line="209"/>
        <source>S&amp;wap:</source>
        <translation>S&amp;wap:</translation>
    </message>
    <message>
        <location filename="../gui/widgets/resourcespanel.cpp" line="210"/>
        <source>CPU &amp;weight:</source>
        <translation>CPU-&amp;Gewicht:</translation>
    </message>
    <message>
        <location filename="../gui/widgets/resourcespanel.cpp" line="211"/>
        <source>&amp;Processes:</source>
        <translation>&amp;Prozesse:</translation>
    </message>
    <message>
        <location filename="../gui/widgets/resourcespanel.cpp" line="212"/>
        <source>&amp;I/O weight:</source>
        <translation>&amp;E/A-Gewicht:</translation>
    </message>
    <message>
        <location filename="../gui/widgets/resourcespanel.cpp" line="243"/>
        <source>Default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <location filename="../gui/widgets/resourcespanel.cpp" line="376"/>
        <source>Select one container to see its limits.</source>
        <translation>Wählen Sie einen Container, um seine Grenzen zu sehen.</translation>
    </message>
    <message>
        <location filename="../gui/widgets/resourcespanel.cpp" line="377"/>
        <source>Limits of &quot;%1&quot; (running: changes apply at once)</source>
        <translation>Grenzen von „%1“ (läuft: Änderungen gelten sofort)</translation>
    </message>
    <message>
        <location filename="../gui/widgets/resourcespanel.cpp" line="378"/>
        <source>Limits of &quot;%1&quot; (applied at its next start)</source>
        <translation>Grenzen von „%1“ (gelten beim nächsten Start)</translation>
    </message>
    <message>
        <location filename="../gui/widgets/resourcespanel.cpp" line="441"/>
        <source>Limit Below Current Use</source>
        <translation>Grenze unter dem aktuellen Verbrauch</translation>
    </message>
    <message>
        <location filename="../gui/widgets/resourcespanel.cpp" line="442"/>
        <source>&quot;%1&quot; uses more than this limit now (%2). Setting it may slow the container down or make the kernel end processes in it.</source>
        <translation>„%1“ verbraucht gerade mehr als diese Grenze (%2). Sie zu setzen kann den Container verlangsamen oder den Kernel Prozesse darin beenden lassen.</translation>
    </message>
    <message>
        <location filename="../gui/widgets/resourcespanel.cpp" line="446"/>
        <source>Set Anyway</source>
        <translation>Trotzdem setzen</translation>
    </message>
    <message>
        <location filename="../gui/widgets/resourcespanel.cpp" line="472"/>
        <source>Could not set %1: %2</source>
        <translation>%1 konnte nicht gesetzt werden: %2</translation>
    </message>
    <message>
        <location filename="../gui/widgets/resourcespanel.cpp" line="490"/>
        <source>%1 cores</source>
        <translation>%1 Kerne</translation>
    </message>
    <message>
        <location filename="../gui/widgets/resourcespanel.cpp" line="520"/>
        <source>In use: %1</source>
        <translation>In Gebrauch: %1</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../gui/dialogs/settingsdialog.cpp" line="26"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/settingsdialog.cpp" line="30"/>
        <source>System-wide (hutch-helper)</source>
        <translation>Systemweit (hutch-helper)</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/settingsdialog.cpp" line="33"/>
        <source>&amp;Container store:</source>
        <translation>&amp;Container-Ablage:</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/settingsdialog.cpp" line="34"/>
        <source>C&amp;ache:</source>
        <translation>Zwischen&amp;speicher:</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/settingsdialog.cpp" line="35"/>
        <source>R&amp;untime files:</source>
        <translation>&amp;Laufzeitdateien:</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/settingsdialog.cpp" line="36"/>
        <source>Default &amp;storage:</source>
        <translation>Standard-Speicherar&amp;t:</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/settingsdialog.cpp" line="37"/>
        <source>Default &amp;bridge:</source>
        <translation>Standard-&amp;Bridge:</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/settingsdialog.cpp" line="38"/>
        <source>Bridge s&amp;tate:</source>
        <translation>Bridge-&amp;Zustand:</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/settingsdialog.cpp" line="39"/>
        <source>Bridge subn&amp;et:</source>
        <translation>Bridge-Subn&amp;etz:</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/settingsdialog.cpp" line="40"/>
        <source>D&amp;HCP and DNS (dnsmasq):</source>
        <translation>D&amp;HCP und DNS (dnsmasq):</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/settingsdialog.cpp" line="41"/>
        <source>Settings &amp;file:</source>
        <translation>Einstellungs&amp;datei:</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/settingsdialog.cpp" line="46"/>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/settingsdialog.cpp" line="54"/>
        <source>These settings belong to the system and are changed by an administrator in /etc/hutch/hutch.conf; hutch-helper reads them when it starts.</source>
        <translation>Diese Einstellungen gehören zum System und werden von einem Administrator in /etc/hutch/hutch.conf geändert; hutch-helper liest sie beim Start.</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/settingsdialog.cpp" line="59"/>
        <source>This application</source>
        <translation>Diese Anwendung</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/settingsdialog.cpp" line="65"/>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/settingsdialog.cpp" line="67"/>
        <source>Resource use refresh interval</source>
        <translation>Abfrageintervall der Ressourcennutzung</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/settingsdialog.cpp" line="68"/>
        <source>&amp;Refresh resource use every:</source>
        <translation>Ressourcennutzung &amp;abfragen alle:</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/settingsdialog.cpp" line="72"/>
        <source>Ask before &amp;destroying a container</source>
        <translation>Vor dem &amp;Vernichten eines Containers nachfragen</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/settingsdialog.cpp" line="76"/>
        <source>Ask before s&amp;topping or rebooting a container</source>
        <translation>Vor dem S&amp;toppen oder Neustarten eines Containers fragen</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/settingsdialog.cpp" line="80"/>
        <source>As the system</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/settingsdialog.cpp" line="81"/>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/settingsdialog.cpp" line="82"/>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/settingsdialog.cpp" line="84"/>
        <source>Colours</source>
        <translation>Farben</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/settingsdialog.cpp" line="85"/>
        <source>C&amp;olours:</source>
        <translation>F&amp;arben:</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/settingsdialog.cpp" line="104"/>
        <source>%1 is up (made and run by Hutch)</source>
        <translation>%1 ist aktiv (von Hutch angelegt und betrieben)</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/settingsdialog.cpp" line="106"/>
        <source>%1 is not created yet (Hutch makes it when a container needs it)</source>
        <translation>%1 ist noch nicht angelegt (Hutch legt sie an, sobald ein Container sie braucht)</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/settingsdialog.cpp" line="108"/>
        <source>%1 is a bridge of this system&apos;s, not Hutch&apos;s</source>
        <translation>%1 ist eine Bridge des Systems, nicht von Hutch</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/settingsdialog.cpp" line="115"/>
        <source>Not connected to the helper: its settings are unknown.</source>
        <translation>Nicht mit dem Hilfsdienst verbunden: Seine Einstellungen sind unbekannt.</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/settingsdialog.cpp" line="141"/>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/settingsdialog.cpp" line="141"/>
        <source>not running</source>
        <translation>läuft nicht</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/settingsdialog.cpp" line="143"/>
        <source>none yet</source>
        <translation>noch keines</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/settingsdialog.cpp" line="149"/>
        <source>These settings belong to the system and are changed by an administrator in %1; hutch-helper reads them when it starts.</source>
        <translation>Diese Einstellungen gehören zum System und werden von einem Administrator in %1 geändert; hutch-helper liest sie beim Start.</translation>
    </message>
</context>
<context>
    <name>SnapshotsView</name>
    <message>
        <location filename="../gui/widgets/snapshotsview.cpp" line="39"/>
        <source>&amp;Take Snapshot…</source>
        <translation>Schnappschuss &amp;erstellen …</translation>
    </message>
    <message>
        <location filename="../gui/widgets/snapshotsview.cpp" line="39"/>
        <source>Re&amp;store…</source>
        <translation>&amp;Wiederherstellen …</translation>
    </message>
    <message>
        <location filename="../gui/widgets/snapshotsview.cpp" line="40"/>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen …</translation>
    </message>
    <message>
        <location filename="../gui/widgets/snapshotsview.cpp" line="40"/>
        <source>&amp;Refresh</source>
        <translation>Aktualisie&amp;ren</translation>
    </message>
    <message>
        <location filename="../gui/widgets/snapshotsview.cpp" line="45"/>
        <source>Snapshots</source>
        <translation>Schnappschüsse</translation>
    </message>
    <message>
        <location filename="../gui/widgets/snapshotsview.cpp" line="49"/>
        <source>Snapshot</source>
        <translation>Schnappschuss</translation>
    </message>
    <message>
        <location filename="../gui/widgets/snapshotsview.cpp" line="49"/>
        <source>Taken</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <location filename="../gui/widgets/snapshotsview.cpp" line="49"/>
        <source>Comment</source>
        <translation>Kommentar</translation>
    </message>
    <message>
        <location filename="../gui/widgets/snapshotsview.cpp" line="66"/>
        <source>Snapshot operation progress</source>
        <translation>Fortschritt des Schnappschuss-Vorgangs</translation>
    </message>
    <message>
        <location filename="../gui/widgets/snapshotsview.cpp" line="89"/>
        <source>the helper went away during the operation</source>
        <translation>der Helfer ist während des Vorgangs verschwunden</translation>
    </message>
    <message>
        <location filename="../gui/widgets/snapshotsview.cpp" line="203"/>
        <source>&quot;%1&quot; is not stopped. Stop it to take, restore or delete snapshots.</source>
        <translation>„%1“ ist nicht gestoppt. Stoppen Sie ihn, um Schnappschüsse zu erstellen, wiederherzustellen oder zu löschen.</translation>
    </message>
    <message>
        <location filename="../gui/widgets/snapshotsview.cpp" line="206"/>
        <source>SNAPSHOT</source>
        <translation>SCHNAPPSCHUSS</translation>
    </message>
    <message>
        <location filename="../gui/widgets/snapshotsview.cpp" line="207"/>
        <source>Take a snapshot of the root filesystem and configuration</source>
        <translation>Einen Schnappschuss von Wurzeldateisystem und Konfiguration erstellen</translation>
    </message>
    <message>
        <location filename="../gui/widgets/snapshotsview.cpp" line="209"/>
        <source>Replace the root filesystem and configuration with the selected snapshot</source>
        <translation>Wurzeldateisystem und Konfiguration durch den ausgewählten Schnappschuss ersetzen</translation>
    </message>
    <message>
        <location filename="../gui/widgets/snapshotsview.cpp" line="211"/>
        <source>Delete the selected snapshot</source>
        <translation>Den ausgewählten Schnappschuss löschen</translation>
    </message>
    <message>
        <location filename="../gui/widgets/snapshotsview.cpp" line="269"/>
        <source>&quot;%1&quot; has no snapshots.</source>
        <translation>„%1“ hat keine Schnappschüsse.</translation>
    </message>
    <message>
        <location filename="../gui/widgets/snapshotsview.cpp" line="284"/>
        <source>Could not list the snapshots: %1</source>
        <translation>Die Schnappschüsse konnten nicht aufgelistet werden: %1</translation>
    </message>
    <message>
        <location filename="../gui/widgets/snapshotsview.cpp" line="299"/>
        <source>Take Snapshot of &quot;%1&quot;</source>
        <translation>Schnappschuss von „%1“ erstellen</translation>
    </message>
    <message>
        <location filename="../gui/widgets/snapshotsview.cpp" line="302"/>
        <source>A snapshot keeps the root filesystem and configuration of &quot;%1&quot; as they are now.

&amp;Comment (optional):</source>
        <translation>Ein Schnappschuss bewahrt Wurzeldateisystem und Konfiguration von „%1“, wie sie jetzt sind.

&amp;Kommentar (optional):</translation>
    </message>
    <message>
        <location filename="../gui/widgets/snapshotsview.cpp" line="305"/>
        <source>&amp;Take Snapshot</source>
        <translation>Schnappschuss &amp;erstellen</translation>
    </message>
    <message>
        <location filename="../gui/widgets/snapshotsview.cpp" line="319"/>
        <source>Restore Snapshot</source>
        <translation>Schnappschuss wiederherstellen</translation>
    </message>
    <message>
        <location filename="../gui/widgets/snapshotsview.cpp" line="320"/>
        <source>Restore the snapshot &quot;%1&quot; of the container &quot;%2&quot;?</source>
        <translation>Den Schnappschuss „%1“ des Containers „%2“ wiederherstellen?</translation>
    </message>
    <message>
        <location filename="../gui/widgets/snapshotsview.cpp" line="323"/>
        <source>The current root filesystem and configuration of &quot;%1&quot; are replaced by those of the snapshot; changes made since it was taken are lost. The snapshot stays.</source>
        <translation>Das aktuelle Wurzeldateisystem und die Konfiguration von „%1“ werden durch die des Schnappschusses ersetzt; Änderungen seit seiner Erstellung gehen verloren. Der Schnappschuss bleibt erhalten.</translation>
    </message>
    <message>
        <location filename="../gui/widgets/snapshotsview.cpp" line="326"/>
        <location filename="../gui/widgets/snapshotsview.cpp" line="346"/>
        <source>The same with hutchctl:</source>
        <translation>Dasselbe mit hutchctl:</translation>
    </message>
    <message>
        <location filename="../gui/widgets/snapshotsview.cpp" line="328"/>
        <source>Restore</source>
        <translation>Wiederherstellen</translation>
    </message>
    <message>
        <location filename="../gui/widgets/snapshotsview.cpp" line="341"/>
        <source>Delete Snapshot</source>
        <translation>Schnappschuss löschen</translation>
    </message>
    <message>
        <location filename="../gui/widgets/snapshotsview.cpp" line="342"/>
        <source>Delete the snapshot &quot;%1&quot; of the container &quot;%2&quot;?</source>
        <translation>Den Schnappschuss „%1“ des Containers „%2“ löschen?</translation>
    </message>
    <message>
        <location filename="../gui/widgets/snapshotsview.cpp" line="345"/>
        <source>It cannot be restored afterwards.</source>
        <translation>Er kann danach nicht mehr wiederhergestellt werden.</translation>
    </message>
    <message>
        <location filename="../gui/widgets/snapshotsview.cpp" line="348"/>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <location filename="../gui/widgets/snapshotsview.cpp" line="357"/>
        <source>Deleting %1…</source>
        <translation>%1 wird gelöscht …</translation>
    </message>
    <message>
        <location filename="../gui/widgets/snapshotsview.cpp" line="361"/>
        <source>Snapshot %1 deleted.</source>
        <translation>Schnappschuss %1 gelöscht.</translation>
    </message>
    <message>
        <location filename="../gui/widgets/snapshotsview.cpp" line="376"/>
        <source>Restoring %1…</source>
        <translation>%1 wird wiederhergestellt …</translation>
    </message>
    <message>
        <location filename="../gui/widgets/snapshotsview.cpp" line="377"/>
        <source>Taking a snapshot…</source>
        <translation>Schnappschuss wird erstellt …</translation>
    </message>
    <message>
        <location filename="../gui/widgets/snapshotsview.cpp" line="416"/>
        <source>&quot;%1&quot; was restored from %2.</source>
        <translation>„%1“ wurde aus %2 wiederhergestellt.</translation>
    </message>
    <message>
        <location filename="../gui/widgets/snapshotsview.cpp" line="417"/>
        <source>Snapshot taken.</source>
        <translation>Schnappschuss erstellt.</translation>
    </message>
    <message>
        <location filename="../gui/widgets/snapshotsview.cpp" line="420"/>
        <source>Cancelled. Nothing was changed.</source>
        <translation>Abgebrochen. Es wurde nichts geändert.</translation>
    </message>
    <message>
        <location filename="../gui/widgets/snapshotsview.cpp" line="434"/>
        <source>Could not take a snapshot of &quot;%1&quot;: %2</source>
        <translation>Von „%1“ konnte kein Schnappschuss erstellt werden: %2</translation>
    </message>
    <message>
        <location filename="../gui/widgets/snapshotsview.cpp" line="436"/>
        <source>Could not restore %1: %2</source>
        <translation>%1 konnte nicht wiederhergestellt werden: %2</translation>
    </message>
    <message>
        <location filename="../gui/widgets/snapshotsview.cpp" line="437"/>
        <source>Could not delete %1: %2</source>
        <translation>%1 konnte nicht gelöscht werden: %2</translation>
    </message>
</context>
<context>
    <name>TemplateTexts</name>
    <message>
        <location filename="../gui/feed/templatetexts.cpp" line="17"/>
        <source>A tiny container from the host&apos;s static busybox</source>
        <translation>Ein winziger Container aus dem statischen busybox des Rechners</translation>
    </message>
    <message>
        <location filename="../gui/feed/templatetexts.cpp" line="18"/>
        <source>A rootfs tarball you pick, with optional LXC image metadata</source>
        <translation>Ein Rootfs-Tarball Ihrer Wahl, mit optionalen Metadaten eines LXC-Abbilds</translation>
    </message>
    <message>
        <location filename="../gui/feed/templatetexts.cpp" line="19"/>
        <source>An image from an LXC image server</source>
        <translation>Ein Abbild von einem LXC-Abbildserver</translation>
    </message>
    <message>
        <location filename="../gui/feed/templatetexts.cpp" line="20"/>
        <source>Debian through debootstrap (cached)</source>
        <translation>Debian über debootstrap (zwischengespeichert)</translation>
    </message>
    <message>
        <location filename="../gui/feed/templatetexts.cpp" line="21"/>
        <source>Ubuntu through debootstrap (cached)</source>
        <translation>Ubuntu über debootstrap (zwischengespeichert)</translation>
    </message>
    <message>
        <location filename="../gui/feed/templatetexts.cpp" line="25"/>
        <source>Number of ttys (lxc.tty.max)</source>
        <translation>Anzahl der TTYs (lxc.tty.max)</translation>
    </message>
    <message>
        <location filename="../gui/feed/templatetexts.cpp" line="26"/>
        <source>getty and login instead of shells</source>
        <translation>getty und login statt Shells</translation>
    </message>
    <message>
        <location filename="../gui/feed/templatetexts.cpp" line="27"/>
        <source>Hostname (default: the container&apos;s name)</source>
        <translation>Rechnername (Vorgabe: der Name des Containers)</translation>
    </message>
    <message>
        <location filename="../gui/feed/templatetexts.cpp" line="28"/>
        <source>Rootfs tarball (.tar, .tar.gz, .tar.xz, .tar.zst)</source>
        <translation>Rootfs-Tarball (.tar, .tar.gz, .tar.xz, .tar.zst)</translation>
    </message>
    <message>
        <location filename="../gui/feed/templatetexts.cpp" line="29"/>
        <source>LXC image metadata tarball (meta.tar.xz), optional</source>
        <translation>Metadaten-Tarball des LXC-Abbilds (meta.tar.xz), optional</translation>
    </message>
    <message>
        <location filename="../gui/feed/templatetexts.cpp" line="30"/>
        <source>Backing store of the rootfs</source>
        <translation>Speicher des Rootfs</translation>
    </message>
    <message>
        <location filename="../gui/feed/templatetexts.cpp" line="31"/>
        <source>Image server</source>
        <translation>Abbildserver</translation>
    </message>
    <message>
        <location filename="../gui/feed/templatetexts.cpp" line="32"/>
        <source>Distribution</source>
        <translation>Distribution</translation>
    </message>
    <message>
        <location filename="../gui/feed/templatetexts.cpp" line="33"/>
        <source>Release</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../gui/feed/templatetexts.cpp" line="34"/>
        <source>Architecture</source>
        <translation>Architektur</translation>
    </message>
    <message>
        <location filename="../gui/feed/templatetexts.cpp" line="35"/>
        <source>Variant</source>
        <translation>Variante</translation>
    </message>
    <message>
        <location filename="../gui/feed/templatetexts.cpp" line="36"/>
        <source>debootstrap variant</source>
        <translation>debootstrap-Variante</translation>
    </message>
    <message>
        <location filename="../gui/feed/templatetexts.cpp" line="37"/>
        <source>Download again even if cached</source>
        <translation>Erneut herunterladen, auch wenn zwischengespeichert</translation>
    </message>
    <message>
        <location filename="../gui/feed/templatetexts.cpp" line="38"/>
        <source>Rebuild the cached rootfs</source>
        <translation>Zwischengespeichertes Rootfs neu bauen</translation>
    </message>
    <message>
        <location filename="../gui/feed/templatetexts.cpp" line="39"/>
        <source>Mirror</source>
        <translation>Spiegelserver</translation>
    </message>
    <message>
        <location filename="../gui/feed/templatetexts.cpp" line="40"/>
        <source>Password of root for the console&apos;s login (empty: root stays locked, use Shell)</source>
        <translation>Passwort von root für die Anmeldung an der Konsole (leer: root bleibt gesperrt, Shell verwenden)</translation>
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
        <location filename="../gui/terminal/terminalwidget.cpp" line="670"/>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <location filename="../gui/terminal/terminalwidget.cpp" line="674"/>
        <source>&amp;Paste</source>
        <translation>&amp;Einfügen</translation>
    </message>
    <message>
        <location filename="../gui/terminal/terminalwidget.cpp" line="678"/>
        <source>Select &amp;All</source>
        <translation>&amp;Alles auswählen</translation>
    </message>
    <message>
        <location filename="../gui/terminal/terminalwidget.cpp" line="681"/>
        <source>&amp;Find…</source>
        <translation>&amp;Suchen …</translation>
    </message>
    <message>
        <location filename="../gui/terminal/terminalwidget.cpp" line="685"/>
        <source>Zoom &amp;In</source>
        <translation>Ver&amp;größern</translation>
    </message>
    <message>
        <location filename="../gui/terminal/terminalwidget.cpp" line="688"/>
        <source>Zoom &amp;Out</source>
        <translation>Verklei&amp;nern</translation>
    </message>
    <message>
        <location filename="../gui/terminal/terminalwidget.cpp" line="691"/>
        <source>&amp;Reset Zoom</source>
        <translation>&amp;Originalgröße</translation>
    </message>
    <message>
        <location filename="../gui/terminal/terminalwidget.cpp" line="694"/>
        <source>C&amp;lear Scrollback</source>
        <translation>&amp;Verlauf löschen</translation>
    </message>
</context>
</TS>
