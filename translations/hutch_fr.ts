<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>AccessOptions</name>
    <message>
        <location filename="../gui/dialogs/accessoptions.cpp" line="19"/>
        <source>Account and Access</source>
        <translation>Compte et accès</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/accessoptions.cpp" line="24"/>
        <source>Share my home folder and account (%1)</source>
        <translation>Partager mon dossier personnel et mon compte (%1)</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/accessoptions.cpp" line="26"/>
        <source>Your account and password, with sudo, in the container; your home folder is mounted in it at each start.</source>
        <translation>Votre compte et votre mot de passe, avec sudo, dans le conteneur ; votre dossier personnel y est monté à chaque démarrage.</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/accessoptions.cpp" line="36"/>
        <source>SSH &amp;key for root:</source>
        <translation>&amp;Clé SSH pour root :</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/accessoptions.cpp" line="36"/>
        <source>Choose an SSH Public Key</source>
        <translation>Choisir une clé publique SSH</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/accessoptions.cpp" line="37"/>
        <source>cloud-init &amp;user data:</source>
        <translation>&amp;Données utilisateur cloud-init :</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/accessoptions.cpp" line="38"/>
        <source>Choose cloud-init User Data</source>
        <translation>Choisir les données utilisateur cloud-init</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/accessoptions.cpp" line="40"/>
        <source>SSH public key file for root</source>
        <translation>Fichier de clé publique SSH pour root</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/accessoptions.cpp" line="41"/>
        <source>none (a .pub file)</source>
        <translation>aucune (un fichier .pub)</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/accessoptions.cpp" line="42"/>
        <source>cloud-init user data file</source>
        <translation>Fichier de données utilisateur cloud-init</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/accessoptions.cpp" line="43"/>
        <source>none (for images with cloud-init)</source>
        <translation>aucune (pour les images avec cloud-init)</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/accessoptions.cpp" line="58"/>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/accessoptions.cpp" line="74"/>
        <source>SSH key</source>
        <translation>Clé SSH</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/accessoptions.cpp" line="74"/>
        <source>User data</source>
        <translation>Données utilisateur</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/accessoptions.cpp" line="80"/>
        <source>%1: there is no file &quot;%2&quot;.</source>
        <translation>%1 : le fichier « %2 » n’existe pas.</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/accessoptions.cpp" line="82"/>
        <source>%1: &quot;%2&quot; is not a file.</source>
        <translation>%1 : « %2 » n’est pas un fichier.</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/accessoptions.cpp" line="84"/>
        <source>%1: you may not read &quot;%2&quot;.</source>
        <translation>%1 : vous n’avez pas le droit de lire « %2 ».</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/accessoptions.cpp" line="124"/>
        <source>Home folder and account of %1: shared</source>
        <translation>Dossier personnel et compte de %1 : partagés</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/accessoptions.cpp" line="126"/>
        <source>SSH key for root: %1</source>
        <translation>Clé SSH pour root : %1</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/accessoptions.cpp" line="128"/>
        <source>cloud-init user data: %1</source>
        <translation>Données utilisateur cloud-init : %1</translation>
    </message>
</context>
<context>
    <name>ArchiveTransfers</name>
    <message>
        <location filename="../gui/feed/archivetransfers.cpp" line="79"/>
        <source>Archive compressed with xz</source>
        <translation>Archive compressée avec xz</translation>
    </message>
    <message>
        <location filename="../gui/feed/archivetransfers.cpp" line="80"/>
        <source>Archive compressed with gzip</source>
        <translation>Archive compressée avec gzip</translation>
    </message>
    <message>
        <location filename="../gui/feed/archivetransfers.cpp" line="81"/>
        <source>Archive compressed with zstd</source>
        <translation>Archive compressée avec zstd</translation>
    </message>
    <message>
        <location filename="../gui/feed/archivetransfers.cpp" line="82"/>
        <source>Uncompressed archive</source>
        <translation>Archive non compressée</translation>
    </message>
    <message>
        <location filename="../gui/feed/archivetransfers.cpp" line="105"/>
        <source>Could not export &quot;%1&quot;</source>
        <translation>Impossible d’exporter «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <location filename="../gui/feed/archivetransfers.cpp" line="110"/>
        <source>%1: cannot create %2: %3</source>
        <translation>%1&#xa0;: impossible de créer %2&#xa0;: %3</translation>
    </message>
    <message>
        <location filename="../gui/feed/archivetransfers.cpp" line="138"/>
        <location filename="../gui/feed/archivetransfers.cpp" line="165"/>
        <source>%1: %2</source>
        <translation>%1&#xa0;: %2</translation>
    </message>
    <message>
        <location filename="../gui/feed/archivetransfers.cpp" line="145"/>
        <source>Could not import &quot;%1&quot;</source>
        <translation>Impossible d’importer «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <location filename="../gui/feed/archivetransfers.cpp" line="148"/>
        <source>%1: cannot read %2: %3</source>
        <translation>%1&#xa0;: impossible de lire %2&#xa0;: %3</translation>
    </message>
</context>
<context>
    <name>CloneDialog</name>
    <message>
        <location filename="../gui/dialogs/clonedialog.cpp" line="15"/>
        <source>&amp;Snapshot (copy-on-write: instant, shares unchanged files)</source>
        <translation>&amp;Instantané (copie à l’écriture&#xa0;: immédiat, partage les fichiers inchangés)</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/clonedialog.cpp" line="19"/>
        <source>Clone &quot;%1&quot;</source>
        <translation>Cloner «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/clonedialog.cpp" line="34"/>
        <source>The storage of &quot;%1&quot; cannot be snapshotted; it is copied.</source>
        <translation>Le stockage de «&#xa0;%1&#xa0;» ne permet pas d’instantané&#xa0;; il est copié.</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/clonedialog.cpp" line="36"/>
        <source>&amp;Clone</source>
        <translation>&amp;Cloner</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/clonedialog.cpp" line="43"/>
        <source>Source:</source>
        <translation>Source&#xa0;:</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/clonedialog.cpp" line="44"/>
        <source>&amp;Name of the copy:</source>
        <translation>&amp;Nom de la copie&#xa0;:</translation>
    </message>
</context>
<context>
    <name>ConfigEditor</name>
    <message>
        <location filename="../gui/widgets/configeditor.cpp" line="38"/>
        <source>&amp;Save</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <location filename="../gui/widgets/configeditor.cpp" line="39"/>
        <source>&amp;Revert</source>
        <translation>&amp;Rétablir</translation>
    </message>
    <message>
        <location filename="../gui/widgets/configeditor.cpp" line="43"/>
        <source>Configuration file</source>
        <translation>Fichier de configuration</translation>
    </message>
    <message>
        <location filename="../gui/widgets/configeditor.cpp" line="51"/>
        <source>Problems in the configuration</source>
        <translation>Problèmes dans la configuration</translation>
    </message>
    <message>
        <location filename="../gui/widgets/configeditor.cpp" line="57"/>
        <source>Save the configuration (%1)</source>
        <translation>Enregistrer la configuration (%1)</translation>
    </message>
    <message>
        <location filename="../gui/widgets/configeditor.cpp" line="115"/>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message numerus="yes">
        <location filename="../gui/widgets/configeditor.cpp" line="211"/>
        <source>%n error(s) must be fixed before saving.</source>
        <translation>
            <numerusform>%n erreur doit être corrigée avant l’enregistrement.</numerusform>
            <numerusform>%n erreurs doivent être corrigées avant l’enregistrement.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../gui/widgets/configeditor.cpp" line="276"/>
        <source>The configuration was changed elsewhere while saving; nothing was written. Save again to replace it, or Revert to load the new one.</source>
        <translation>La configuration a été modifiée ailleurs pendant l’enregistrement&#xa0;; rien n’a été écrit. Enregistrez de nouveau pour la remplacer, ou rétablissez pour charger la nouvelle.</translation>
    </message>
    <message>
        <location filename="../gui/widgets/configeditor.cpp" line="255"/>
        <source>Saving…</source>
        <translation>Enregistrement…</translation>
    </message>
    <message>
        <location filename="../gui/widgets/configeditor.cpp" line="263"/>
        <source>Saved.</source>
        <translation>Enregistré.</translation>
    </message>
</context>
<context>
    <name>ConsoleTab</name>
    <message>
        <location filename="../gui/widgets/consoletab.cpp" line="57"/>
        <source>%1 on %2</source>
        <translation>%1 sur %2</translation>
    </message>
    <message>
        <location filename="../gui/widgets/consoletab.cpp" line="59"/>
        <source>%1 — shell</source>
        <translation>%1 — shell</translation>
    </message>
    <message>
        <location filename="../gui/widgets/consoletab.cpp" line="61"/>
        <source>%1 — console</source>
        <translation>%1 — console</translation>
    </message>
    <message>
        <location filename="../gui/widgets/consoletab.cpp" line="62"/>
        <source>%1 — tty%2</source>
        <translation>%1 — tty%2</translation>
    </message>
    <message>
        <location filename="../gui/widgets/consoletab.cpp" line="89"/>
        <source>Paste Several Lines</source>
        <translation>Coller plusieurs lignes</translation>
    </message>
    <message numerus="yes">
        <location filename="../gui/widgets/consoletab.cpp" line="90"/>
        <source>Paste %n lines into %1? Each line may run as a command.</source>
        <translation>
            <numerusform>Coller %n ligne dans %1&#xa0;? Chaque ligne peut s’exécuter comme une commande.</numerusform>
            <numerusform>Coller %n lignes dans %1&#xa0;? Chaque ligne peut s’exécuter comme une commande.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../gui/widgets/consoletab.cpp" line="94"/>
        <source>Paste</source>
        <translation>Coller</translation>
    </message>
    <message>
        <location filename="../gui/widgets/consoletab.cpp" line="104"/>
        <source>The helper passed no terminal.</source>
        <translation>Le service d’assistance n’a transmis aucun terminal.</translation>
    </message>
    <message>
        <location filename="../gui/widgets/consoletab.cpp" line="121"/>
        <source>Connecting to %1…</source>
        <translation>Connexion à %1…</translation>
    </message>
    <message>
        <location filename="../gui/widgets/consoletab.cpp" line="128"/>
        <location filename="../gui/widgets/consoletab.cpp" line="176"/>
        <source>Could not connect: %1</source>
        <translation>Connexion impossible&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../gui/widgets/consoletab.cpp" line="165"/>
        <location filename="../gui/widgets/consoletab.cpp" line="284"/>
        <source>Disconnected from %1: %2</source>
        <translation>Déconnecté de %1&#xa0;: %2</translation>
    </message>
    <message>
        <location filename="../gui/widgets/consoletab.cpp" line="224"/>
        <source>root has no password in %1, so a login as root on this console is refused. Log in as a user of the container, or open a Shell, which needs no login; there, passwd sets a password for root.</source>
        <translation>root n’a pas de mot de passe dans %1 : une connexion en tant que root sur cette console est donc refusée. Connectez-vous avec un utilisateur du conteneur, ou ouvrez un Shell, qui ne demande pas de connexion ; là, passwd définit un mot de passe pour root.</translation>
    </message>
    <message>
        <location filename="../gui/widgets/consoletab.cpp" line="256"/>
        <source>Detached. The container keeps running; close this tab or reconnect from the Console menu.</source>
        <translation>Détaché. Le conteneur continue de fonctionner&#xa0;; fermez cet onglet ou reconnectez-vous depuis le menu Console.</translation>
    </message>
    <message>
        <location filename="../gui/widgets/consoletab.cpp" line="283"/>
        <source>Disconnected from %1. Reconnect from the Console menu.</source>
        <translation>Déconnecté de %1. Reconnectez depuis le menu Console.</translation>
    </message>
    <message>
        <location filename="../gui/widgets/consoletab.cpp" line="288"/>
        <source>The shell ended. It starts again when the container does, or reconnect from the Console menu.</source>
        <translation>Le shell s’est terminé. Il redémarre avec le conteneur, ou reconnectez-vous depuis le menu Console.</translation>
    </message>
    <message>
        <location filename="../gui/widgets/consoletab.cpp" line="290"/>
        <source>Disconnected. Reconnects when %1 runs again.</source>
        <translation>Déconnecté. La connexion reprend quand %1 fonctionne de nouveau.</translation>
    </message>
    <message>
        <location filename="../gui/widgets/consoletab.cpp" line="200"/>
        <location filename="../gui/widgets/consoletab.cpp" line="280"/>
        <location filename="../gui/widgets/consoletab.cpp" line="304"/>
        <source>%1 is stopped. This tab reconnects when it starts again.</source>
        <translation>%1 est arrêté. Cet onglet se reconnecte quand il redémarre.</translation>
    </message>
</context>
<context>
    <name>ConsoleWindow</name>
    <message>
        <location filename="../gui/consolewindow.cpp" line="23"/>
        <source>Consoles — Hutch</source>
        <translation>Consoles — Hutch</translation>
    </message>
    <message>
        <location filename="../gui/consolewindow.cpp" line="44"/>
        <source>&amp;Console</source>
        <translation>&amp;Console</translation>
    </message>
    <message>
        <location filename="../gui/consolewindow.cpp" line="45"/>
        <source>&amp;Reconnect</source>
        <translation>&amp;Reconnecter</translation>
    </message>
    <message>
        <location filename="../gui/consolewindow.cpp" line="51"/>
        <source>&amp;Detach</source>
        <translation>&amp;Détacher</translation>
    </message>
    <message>
        <location filename="../gui/consolewindow.cpp" line="58"/>
        <source>&amp;Move Tab to New Window</source>
        <translation>&amp;Déplacer l’onglet dans une nouvelle fenêtre</translation>
    </message>
    <message>
        <location filename="../gui/consolewindow.cpp" line="66"/>
        <source>&amp;Close Tab</source>
        <translation>&amp;Fermer l’onglet</translation>
    </message>
    <message>
        <location filename="../gui/consolewindow.cpp" line="71"/>
        <source>Send &amp;Key</source>
        <translation>Envoyer une &amp;touche</translation>
    </message>
    <message>
        <location filename="../gui/consolewindow.cpp" line="75"/>
        <source>Ctrl+Alt+Del (Reboot)</source>
        <translation>Ctrl+Alt+Suppr (redémarrer)</translation>
    </message>
    <message>
        <location filename="../gui/consolewindow.cpp" line="79"/>
        <source>Ctrl+Alt+F1…F12</source>
        <translation>Ctrl+Alt+F1…F12</translation>
    </message>
    <message>
        <location filename="../gui/consolewindow.cpp" line="81"/>
        <source>Ctrl+Alt+F%1 (tty%1)</source>
        <translation>Ctrl+Alt+F%1 (tty%1)</translation>
    </message>
    <message>
        <location filename="../gui/consolewindow.cpp" line="90"/>
        <source>SysRq</source>
        <translation>Syst</translation>
    </message>
    <message>
        <location filename="../gui/consolewindow.cpp" line="93"/>
        <source>Magic SysRq would act on the host&apos;s kernel; containers cannot receive it.</source>
        <translation>La touche magique Syst agirait sur le noyau de l’hôte&#xa0;; les conteneurs ne peuvent pas la recevoir.</translation>
    </message>
    <message>
        <location filename="../gui/consolewindow.cpp" line="105"/>
        <source>Ctrl+Alt+Del</source>
        <translation>Ctrl+Alt+Suppr</translation>
    </message>
    <message>
        <location filename="../gui/consolewindow.cpp" line="123"/>
        <source>The reboot failed.</source>
        <translation>Le redémarrage a échoué.</translation>
    </message>
    <message>
        <location filename="../gui/consolewindow.cpp" line="143"/>
        <source>%1 — Hutch</source>
        <translation>%1 — Hutch</translation>
    </message>
    <message>
        <location filename="../gui/consolewindow.cpp" line="196"/>
        <source>Close %1? The shell and what runs in it are ended.</source>
        <translation>Fermer %1&#xa0;? Le shell et ce qui s’y exécute sont arrêtés.</translation>
    </message>
    <message>
        <location filename="../gui/consolewindow.cpp" line="197"/>
        <source>Close %1? The container keeps running.</source>
        <translation>Fermer %1&#xa0;? Le conteneur continue de fonctionner.</translation>
    </message>
    <message>
        <location filename="../gui/consolewindow.cpp" line="198"/>
        <source>Close Console</source>
        <translation>Fermer la console</translation>
    </message>
    <message>
        <location filename="../gui/consolewindow.cpp" line="200"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
</context>
<context>
    <name>ContainerActions</name>
    <message>
        <location filename="../gui/containeractions.cpp" line="88"/>
        <source>&amp;Create…</source>
        <translation>&amp;Créer…</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="89"/>
        <source>&amp;Start</source>
        <translation>&amp;Démarrer</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="90"/>
        <source>S&amp;top (Kill)</source>
        <translation>Arrêter (t&amp;uer)</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="91"/>
        <source>Shut &amp;Down</source>
        <translation>&amp;Éteindre</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="92"/>
        <source>Re&amp;boot</source>
        <translation>&amp;Redémarrer</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="93"/>
        <source>&amp;Freeze</source>
        <translation>&amp;Geler</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="94"/>
        <source>&amp;Unfreeze</source>
        <translation>Dég&amp;eler</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="95"/>
        <source>&amp;Console</source>
        <translation>&amp;Console</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="96"/>
        <source>S&amp;hell</source>
        <translation>S&amp;hell</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="97"/>
        <source>C&amp;lone…</source>
        <translation>C&amp;loner…</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="98"/>
        <source>&amp;Export…</source>
        <translation>E&amp;xporter…</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="99"/>
        <source>&amp;Import…</source>
        <translation>&amp;Importer…</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="100"/>
        <source>Re&amp;name…</source>
        <translation>Re&amp;nommer…</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="101"/>
        <source>&amp;Destroy…</source>
        <translation>Dé&amp;truire…</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="102"/>
        <source>&amp;Properties</source>
        <translation>&amp;Propriétés</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="103"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualiser</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="104"/>
        <source>Run a &amp;Throwaway Copy</source>
        <translation>Lancer une copie &amp;jetable</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="105"/>
        <source>Copy as hutchctl Command</source>
        <translation>Copier comme commande hutchctl</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="177"/>
        <source>NAME</source>
        <translation>NOM</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="197"/>
        <source>Copied: %1</source>
        <translation>Copié&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="204"/>
        <source>%1: %2</source>
        <translation>%1&#xa0;: %2</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="278"/>
        <source>Stop Container</source>
        <translation>Arrêter le conteneur</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="278"/>
        <source>Reboot Container</source>
        <translation>Redémarrer le conteneur</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="279"/>
        <source>Kill every process in &quot;%1&quot; now? Unsaved work in it is lost; Shut Down lets it end its programs cleanly.</source>
        <translation>Tuer maintenant tous les processus de «&#xa0;%1&#xa0;»&#xa0;? Le travail non enregistré y est perdu&#xa0;; «&#xa0;Éteindre&#xa0;» le laisse terminer ses programmes proprement.</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="281"/>
        <source>Reboot &quot;%1&quot; now? Its programs are ended and its consoles start over.</source>
        <translation>Redémarrer «&#xa0;%1&#xa0;» maintenant&#xa0;? Ses programmes sont arrêtés et ses consoles repartent de zéro.</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="284"/>
        <source>Stop</source>
        <translation>Arrêter</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="284"/>
        <source>Reboot</source>
        <translation>Redémarrer</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="286"/>
        <source>Do not ask again</source>
        <translation>Ne plus demander</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="324"/>
        <source>Could not start &quot;%1&quot;</source>
        <translation>Impossible de démarrer «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="319"/>
        <source>Could not stop &quot;%1&quot;</source>
        <translation>Impossible d’arrêter «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="320"/>
        <source>Could not shut down &quot;%1&quot;</source>
        <translation>Impossible d’éteindre «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="321"/>
        <source>Could not reboot &quot;%1&quot;</source>
        <translation>Impossible de redémarrer «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="322"/>
        <source>Could not freeze &quot;%1&quot;</source>
        <translation>Impossible de geler «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="323"/>
        <source>Could not unfreeze &quot;%1&quot;</source>
        <translation>Impossible de dégeler «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="343"/>
        <source>Could not clone &quot;%1&quot;</source>
        <translation>Impossible de cloner «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="356"/>
        <source>Could not start a throwaway copy of &quot;%1&quot;</source>
        <translation>Impossible de lancer une copie jetable de « %1 »</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="370"/>
        <source>Could not rename &quot;%1&quot;</source>
        <translation>Impossible de renommer «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="382"/>
        <source>&quot;%1&quot; cannot be destroyed while snapshot clones use its files: %2. Destroy them first.</source>
        <translation>« %1 » ne peut pas être détruit tant que des clones instantanés utilisent ses fichiers : %2. Détruisez-les d’abord.</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="394"/>
        <source>Destroy the container &quot;%1&quot; and everything in it?</source>
        <translation>Détruire le conteneur «&#xa0;%1&#xa0;» et tout ce qu’il contient&#xa0;?</translation>
    </message>
    <message numerus="yes">
        <location filename="../gui/containeractions.cpp" line="395"/>
        <source>Destroy these %n containers and everything in them?

%1</source>
        <translation>
            <numerusform>Détruire ce conteneur et tout ce qu’il contient&#xa0;?

%1</numerusform>
            <numerusform>Détruire ces %n conteneurs et tout ce qu’ils contiennent&#xa0;?

%1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="398"/>
        <source>Running containers are stopped first.</source>
        <translation>Les conteneurs en marche sont d’abord arrêtés.</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="400"/>
        <source>Destroy Container</source>
        <translation>Détruire le conteneur</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="402"/>
        <source>Destroy</source>
        <translation>Détruire</translation>
    </message>
    <message>
        <location filename="../gui/containeractions.cpp" line="419"/>
        <source>Could not destroy &quot;%1&quot;</source>
        <translation>Impossible de détruire «&#xa0;%1&#xa0;»</translation>
    </message>
</context>
<context>
    <name>ContainerListModel</name>
    <message>
        <location filename="../gui/feed/containerlistmodel.cpp" line="34"/>
        <source>Running</source>
        <translation>En marche</translation>
    </message>
    <message>
        <location filename="../gui/feed/containerlistmodel.cpp" line="35"/>
        <source>Stopped</source>
        <translation>Arrêté</translation>
    </message>
    <message>
        <location filename="../gui/feed/containerlistmodel.cpp" line="36"/>
        <source>Starting</source>
        <translation>Démarrage</translation>
    </message>
    <message>
        <location filename="../gui/feed/containerlistmodel.cpp" line="37"/>
        <source>Stopping</source>
        <translation>Arrêt en cours</translation>
    </message>
    <message>
        <location filename="../gui/feed/containerlistmodel.cpp" line="38"/>
        <source>Aborting</source>
        <translation>Abandon</translation>
    </message>
    <message>
        <location filename="../gui/feed/containerlistmodel.cpp" line="39"/>
        <source>Freezing</source>
        <translation>Gel en cours</translation>
    </message>
    <message>
        <location filename="../gui/feed/containerlistmodel.cpp" line="40"/>
        <source>Frozen</source>
        <translation>Gelé</translation>
    </message>
    <message>
        <location filename="../gui/feed/containerlistmodel.cpp" line="108"/>
        <source>Broken</source>
        <translation>Défectueux</translation>
    </message>
    <message>
        <location filename="../gui/feed/containerlistmodel.cpp" line="114"/>
        <source>Yes</source>
        <translation>Oui</translation>
    </message>
    <message>
        <location filename="../gui/feed/containerlistmodel.cpp" line="114"/>
        <source>No</source>
        <translation>Non</translation>
    </message>
    <message>
        <location filename="../gui/feed/containerlistmodel.cpp" line="126"/>
        <source>This container&apos;s configuration cannot be used: %1</source>
        <translation>La configuration de ce conteneur est inutilisable&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../gui/feed/containerlistmodel.cpp" line="139"/>
        <source>Privileged</source>
        <translation>Privilégié</translation>
    </message>
    <message>
        <location filename="../gui/feed/containerlistmodel.cpp" line="139"/>
        <source>Unprivileged</source>
        <translation>Non privilégié</translation>
    </message>
    <message>
        <location filename="../gui/feed/containerlistmodel.cpp" line="145"/>
        <source>Root inside this container is root on the host.</source>
        <translation>Root dans ce conteneur est root sur l’hôte.</translation>
    </message>
    <message>
        <location filename="../gui/feed/containerlistmodel.cpp" line="146"/>
        <source>Root inside this container is host user %1.</source>
        <translation>Root dans ce conteneur est l’utilisateur %1 de l’hôte.</translation>
    </message>
    <message>
        <location filename="../gui/feed/containerlistmodel.cpp" line="154"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../gui/feed/containerlistmodel.cpp" line="155"/>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <location filename="../gui/feed/containerlistmodel.cpp" line="156"/>
        <source>IP addresses</source>
        <translation>Adresses IP</translation>
    </message>
    <message>
        <location filename="../gui/feed/containerlistmodel.cpp" line="157"/>
        <source>CPU</source>
        <translation>Processeur</translation>
    </message>
    <message>
        <location filename="../gui/feed/containerlistmodel.cpp" line="158"/>
        <source>Memory</source>
        <translation>Mémoire</translation>
    </message>
    <message>
        <location filename="../gui/feed/containerlistmodel.cpp" line="159"/>
        <source>Autostart</source>
        <translation>Démarrage automatique</translation>
    </message>
    <message>
        <location filename="../gui/feed/containerlistmodel.cpp" line="160"/>
        <source>Privileges</source>
        <translation>Privilèges</translation>
    </message>
</context>
<context>
    <name>ContainerView</name>
    <message>
        <location filename="../gui/widgets/containerview.cpp" line="34"/>
        <source>Drag a container onto this list to clone it.</source>
        <translation>Glissez un conteneur sur cette liste pour le cloner.</translation>
    </message>
    <message>
        <location filename="../gui/widgets/containerview.cpp" line="75"/>
        <source>Drop to clone &quot;%1&quot;</source>
        <translation>Déposer pour cloner «&#xa0;%1&#xa0;»</translation>
    </message>
</context>
<context>
    <name>CreateWizard</name>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="56"/>
        <source>Create Container</source>
        <translation>Créer un conteneur</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="64"/>
        <source>&amp;Create</source>
        <translation>&amp;Créer</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="96"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="97"/>
        <source>The container&apos;s name is also its directory and, by default, its hostname.</source>
        <translation>Le nom du conteneur est aussi celui de son répertoire et, par défaut, son nom d’hôte.</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="100"/>
        <source>Container name</source>
        <translation>Nom du conteneur</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="109"/>
        <source>&amp;Name:</source>
        <translation>&amp;Nom&#xa0;:</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="123"/>
        <location filename="../gui/dialogs/createwizard.cpp" line="129"/>
        <source>Template</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="124"/>
        <source>What the container&apos;s root filesystem is made from.</source>
        <translation>Ce à partir de quoi le système de fichiers racine du conteneur est construit.</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="141"/>
        <source>&amp;Template:</source>
        <translation>&amp;Modèle&#xa0;:</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="155"/>
        <source>Storage, Network and Resources</source>
        <translation>Stockage, réseau et ressources</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="156"/>
        <source>Where the container lives, how it reaches the network, and what it may use.</source>
        <translation>Où le conteneur réside, comment il accède au réseau et ce qu’il peut utiliser.</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="159"/>
        <source>Storage</source>
        <translation>Stockage</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="160"/>
        <source>Best available</source>
        <translation>Le meilleur disponible</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="161"/>
        <source>Directory</source>
        <translation>Répertoire</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="162"/>
        <source>Btrfs subvolume</source>
        <translation>Sous-volume Btrfs</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="163"/>
        <source>LVM volume</source>
        <translation>Volume LVM</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="166"/>
        <source>Network</source>
        <translation>Réseau</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="167"/>
        <source>As the template sets it</source>
        <translation>Comme le modèle le définit</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="168"/>
        <source>Default bridge (veth)</source>
        <translation>Pont par défaut (veth)</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="169"/>
        <source>Isolated (no network)</source>
        <translation>Isolé (sans réseau)</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="170"/>
        <source>Host&apos;s network (no isolation)</source>
        <translation>Réseau de l’hôte (sans isolation)</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="175"/>
        <source> MiB</source>
        <translation>&#xa0;Mio</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="176"/>
        <location filename="../gui/dialogs/createwizard.cpp" line="183"/>
        <source>Unlimited</source>
        <translation>Illimité</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="182"/>
        <source> cores</source>
        <translation>&#xa0;cœurs</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="184"/>
        <source>Start when the computer starts</source>
        <translation>Démarrer avec l’ordinateur</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="188"/>
        <source>Privileged (root inside is root on the host)</source>
        <translation>Privilégié (root dans le conteneur est root sur l’hôte)</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="190"/>
        <source>Warning: a program that escapes a privileged container owns this computer. Choose it only for images you trust; it needs an administrator&apos;s password.</source>
        <translation>Attention : un programme qui s’échappe d’un conteneur privilégié contrôle cet ordinateur. À ne choisir que pour des images de confiance ; il faut le mot de passe d’un administrateur.</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="199"/>
        <source>&amp;Storage:</source>
        <translation>&amp;Stockage&#xa0;:</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="200"/>
        <source>N&amp;etwork:</source>
        <translation>&amp;Réseau&#xa0;:</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="201"/>
        <source>&amp;Memory limit:</source>
        <translation>Limite de mémo&amp;ire&#xa0;:</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="202"/>
        <source>C&amp;PU limit:</source>
        <translation>Limite de &amp;processeur&#xa0;:</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="203"/>
        <source>Autostart:</source>
        <translation>Démarrage automatique&#xa0;:</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="208"/>
        <source>Security:</source>
        <translation>Sécurité :</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="216"/>
        <source>Summary</source>
        <translation>Résumé</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="217"/>
        <source>Check the settings, then create the container.</source>
        <translation>Vérifiez les réglages, puis créez le conteneur.</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="233"/>
        <source>Creating</source>
        <translation>Création</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="234"/>
        <source>The helper builds the container; closing this window cancels it.</source>
        <translation>Le service d’assistance construit le conteneur&#xa0;; fermer cette fenêtre l’annule.</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="242"/>
        <source>Creation log</source>
        <translation>Journal de création</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="246"/>
        <source>Cancel Creation</source>
        <translation>Annuler la création</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="285"/>
        <source>The templates could not be listed: %1</source>
        <translation>Impossible d’obtenir la liste des modèles&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="343"/>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="345"/>
        <source>Choose a File</source>
        <translation>Choisir un fichier</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="360"/>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="364"/>
        <source>Repeat</source>
        <translation>Répéter</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="365"/>
        <source>Repeat the password</source>
        <translation>Répéter le mot de passe</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="387"/>
        <source>%1:</source>
        <translation>%1 :</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="398"/>
        <source>64-bit PC (amd64)</source>
        <translation>PC 64 bits (amd64)</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="399"/>
        <source>32-bit PC (i386)</source>
        <translation>PC 32 bits (i386)</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="400"/>
        <source>64-bit ARM (arm64)</source>
        <translation>ARM 64 bits (arm64)</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="401"/>
        <source>32-bit ARM, hard float (armhf)</source>
        <translation>ARM 32 bits, virgule flottante matérielle (armhf)</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="402"/>
        <source>32-bit ARM, soft float (armel)</source>
        <translation>ARM 32 bits, virgule flottante logicielle (armel)</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="403"/>
        <source>64-bit POWER, little-endian (ppc64el)</source>
        <translation>POWER 64 bits, petit-boutiste (ppc64el)</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="404"/>
        <source>IBM Z (s390x)</source>
        <translation>IBM Z (s390x)</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="405"/>
        <source>64-bit RISC-V (riscv64)</source>
        <translation>RISC-V 64 bits (riscv64)</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="414"/>
        <source>this computer&apos;s</source>
        <translation>celle de cet ordinateur</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="417"/>
        <source>runs natively as 32-bit</source>
        <translation>s’exécute nativement en 32 bits</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="420"/>
        <source>emulated by QEMU, slow</source>
        <translation>émulée par QEMU, lente</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="423"/>
        <source>needs qemu-user-static</source>
        <translation>nécessite qemu-user-static</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="426"/>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="431"/>
        <source>The processor architecture of the container&apos;s programs</source>
        <translation>L’architecture de processeur des programmes du conteneur</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="451"/>
        <source>%1: the two entries differ.</source>
        <translation>%1 : les deux saisies diffèrent.</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="457"/>
        <source>Needed: %1.</source>
        <translation>Requis&#xa0;: %1.</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="465"/>
        <source>%1: there is no file &quot;%2&quot;.</source>
        <translation>%1&#xa0;: il n’y a pas de fichier «&#xa0;%2&#xa0;».</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="467"/>
        <source>%1: &quot;%2&quot; is not a file.</source>
        <translation>%1&#xa0;: «&#xa0;%2&#xa0;» n’est pas un fichier.</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="469"/>
        <source>%1: you may not read &quot;%2&quot;.</source>
        <translation>%1&#xa0;: vous ne pouvez pas lire «&#xa0;%2&#xa0;».</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="573"/>
        <source>Name: %1</source>
        <translation>Nom&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="574"/>
        <source>Template: %1</source>
        <translation>Modèle&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="578"/>
        <source>(set)</source>
        <translation>(défini)</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="582"/>
        <source>Storage: %1</source>
        <translation>Stockage&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="583"/>
        <source>Network: %1</source>
        <translation>Réseau&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="584"/>
        <source>Memory limit: %1</source>
        <translation>Limite de mémoire&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="585"/>
        <source>CPU limit: %1</source>
        <translation>Limite de processeur&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="586"/>
        <source>Autostart: %1</source>
        <translation>Démarrage automatique&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="586"/>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="586"/>
        <source>no</source>
        <translation>non</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="588"/>
        <source>Privileged: root inside is root on the host</source>
        <translation>Privilégié : root dans le conteneur est root sur l’hôte</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="589"/>
        <source>Unprivileged: root inside is an ordinary user of the host</source>
        <translation>Non privilégié : root dans le conteneur est un utilisateur ordinaire de l’hôte</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="638"/>
        <source>The same with hutchctl:</source>
        <translation>La même chose avec hutchctl&#xa0;:</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="676"/>
        <source>Creating %1 from %2…</source>
        <translation>Création de %1 à partir de %2…</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="712"/>
        <source>Cancelled. Nothing was created.</source>
        <translation>Annulé. Rien n’a été créé.</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="731"/>
        <source>&quot;%1&quot; was created.</source>
        <translation>«&#xa0;%1&#xa0;» a été créé.</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="733"/>
        <source>&quot;%1&quot; was created, but some settings were not applied: %2</source>
        <translation>«&#xa0;%1&#xa0;» a été créé, mais certains réglages n’ont pas été appliqués&#xa0;: %2</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="746"/>
        <source>Setting %1 = %2</source>
        <translation>Réglage de %1 = %2</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/createwizard.cpp" line="751"/>
        <source>Setting resource limits</source>
        <translation>Réglage des limites de ressources</translation>
    </message>
</context>
<context>
    <name>DetailsPanel</name>
    <message>
        <location filename="../gui/widgets/detailspanel.cpp" line="17"/>
        <source>CPU</source>
        <translation>Processeur</translation>
    </message>
    <message>
        <location filename="../gui/widgets/detailspanel.cpp" line="17"/>
        <source>Memory</source>
        <translation>Mémoire</translation>
    </message>
    <message>
        <location filename="../gui/widgets/detailspanel.cpp" line="18"/>
        <source>Network (in + out)</source>
        <translation>Réseau (entrant + sortant)</translation>
    </message>
    <message>
        <location filename="../gui/widgets/detailspanel.cpp" line="32"/>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <location filename="../gui/widgets/detailspanel.cpp" line="45"/>
        <source>start</source>
        <translation>démarrage</translation>
    </message>
    <message>
        <location filename="../gui/widgets/detailspanel.cpp" line="47"/>
        <source>stop</source>
        <translation>arrêt</translation>
    </message>
    <message>
        <location filename="../gui/widgets/detailspanel.cpp" line="49"/>
        <source>frozen</source>
        <translation>gel</translation>
    </message>
    <message>
        <location filename="../gui/widgets/detailspanel.cpp" line="78"/>
        <source>Select one container to see its details.</source>
        <translation>Sélectionnez un conteneur pour voir ses détails.</translation>
    </message>
    <message>
        <location filename="../gui/widgets/detailspanel.cpp" line="82"/>
        <source>&lt;b&gt;%1&lt;/b&gt; — %2&lt;br&gt;Addresses: %3&lt;br&gt;Root filesystem: %4</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; — %2&lt;br&gt;Adresses&#xa0;: %3&lt;br&gt;Système de fichiers racine&#xa0;: %4</translation>
    </message>
    <message>
        <location filename="../gui/widgets/detailspanel.cpp" line="84"/>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <location filename="../gui/widgets/detailspanel.cpp" line="122"/>
        <source>OOM kill</source>
        <translation>arrêt OOM</translation>
    </message>
</context>
<context>
    <name>FileTransfers</name>
    <message>
        <location filename="../gui/feed/filetransfers.cpp" line="100"/>
        <source>Could not copy &quot;%1&quot; into &quot;%2&quot;</source>
        <translation>Impossible de copier « %1 » dans « %2 »</translation>
    </message>
    <message>
        <location filename="../gui/feed/filetransfers.cpp" line="103"/>
        <location filename="../gui/feed/filetransfers.cpp" line="109"/>
        <location filename="../gui/feed/filetransfers.cpp" line="147"/>
        <location filename="../gui/feed/filetransfers.cpp" line="159"/>
        <location filename="../gui/feed/filetransfers.cpp" line="192"/>
        <location filename="../gui/feed/filetransfers.cpp" line="216"/>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <location filename="../gui/feed/filetransfers.cpp" line="154"/>
        <source>Could not copy &quot;%1&quot; out of &quot;%2&quot;</source>
        <translation>Impossible de copier « %1 » hors de « %2 »</translation>
    </message>
</context>
<context>
    <name>FilesView</name>
    <message>
        <location filename="../gui/widgets/filesview.cpp" line="106"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../gui/widgets/filesview.cpp" line="106"/>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <location filename="../gui/widgets/filesview.cpp" line="106"/>
        <source>Mode</source>
        <translation>Droits</translation>
    </message>
    <message>
        <location filename="../gui/widgets/filesview.cpp" line="106"/>
        <source>Owner</source>
        <translation>Propriétaire</translation>
    </message>
    <message>
        <location filename="../gui/widgets/filesview.cpp" line="107"/>
        <source>Up one directory</source>
        <translation>Remonter d’un dossier</translation>
    </message>
    <message>
        <location filename="../gui/widgets/filesview.cpp" line="108"/>
        <source>A directory in the container</source>
        <translation>Un dossier du conteneur</translation>
    </message>
    <message>
        <location filename="../gui/widgets/filesview.cpp" line="109"/>
        <source>&amp;Upload…</source>
        <translation>&amp;Envoyer…</translation>
    </message>
    <message>
        <location filename="../gui/widgets/filesview.cpp" line="110"/>
        <source>Do&amp;wnload…</source>
        <translation>&amp;Télécharger…</translation>
    </message>
    <message>
        <location filename="../gui/widgets/filesview.cpp" line="111"/>
        <source>New &amp;Folder…</source>
        <translation>Nouveau &amp;dossier…</translation>
    </message>
    <message>
        <location filename="../gui/widgets/filesview.cpp" line="112"/>
        <source>&amp;Delete…</source>
        <translation>&amp;Supprimer…</translation>
    </message>
    <message>
        <location filename="../gui/widgets/filesview.cpp" line="170"/>
        <source>Link to %1</source>
        <translation>Lien vers %1</translation>
    </message>
    <message>
        <location filename="../gui/widgets/filesview.cpp" line="181"/>
        <source>Could not list &quot;%1&quot;: %2</source>
        <translation>Impossible de lister « %1 » : %2</translation>
    </message>
    <message>
        <location filename="../gui/widgets/filesview.cpp" line="193"/>
        <source>Upload into %1</source>
        <translation>Envoyer dans %1</translation>
    </message>
    <message>
        <location filename="../gui/widgets/filesview.cpp" line="203"/>
        <source>Download &quot;%1&quot; into</source>
        <translation>Télécharger « %1 » dans</translation>
    </message>
    <message>
        <location filename="../gui/widgets/filesview.cpp" line="212"/>
        <source>New Folder</source>
        <translation>Nouveau dossier</translation>
    </message>
    <message>
        <location filename="../gui/widgets/filesview.cpp" line="213"/>
        <source>Name of the new folder in %1:</source>
        <translation>Nom du nouveau dossier dans %1 :</translation>
    </message>
    <message>
        <location filename="../gui/widgets/filesview.cpp" line="219"/>
        <source>A folder name cannot hold &quot;/&quot; or be &quot;.&quot; or &quot;..&quot;.</source>
        <translation>Un nom de dossier ne peut contenir « / » ni être « . » ou « .. ».</translation>
    </message>
    <message>
        <location filename="../gui/widgets/filesview.cpp" line="226"/>
        <source>Could not make &quot;%1&quot;: %2</source>
        <translation>Impossible de créer « %1 » : %2</translation>
    </message>
    <message>
        <location filename="../gui/widgets/filesview.cpp" line="235"/>
        <location filename="../gui/widgets/filesview.cpp" line="239"/>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <location filename="../gui/widgets/filesview.cpp" line="236"/>
        <source>Delete &quot;%1&quot; in &quot;%2&quot;, with everything in it if it is a folder?</source>
        <translation>Supprimer « %1 » dans « %2 », avec tout son contenu si c’est un dossier ?</translation>
    </message>
    <message>
        <location filename="../gui/widgets/filesview.cpp" line="248"/>
        <source>Could not delete &quot;%1&quot;: %2</source>
        <translation>Impossible de supprimer « %1 » : %2</translation>
    </message>
</context>
<context>
    <name>HelperConnection</name>
    <message>
        <location filename="../gui/feed/helperconnection.cpp" line="65"/>
        <source>the system bus</source>
        <translation>le bus système</translation>
    </message>
    <message>
        <location filename="../gui/feed/helperconnection.cpp" line="65"/>
        <source>the bus at %1</source>
        <translation>le bus à l’adresse %1</translation>
    </message>
    <message>
        <location filename="../gui/feed/helperconnection.cpp" line="114"/>
        <source>%1: %2</source>
        <translation>%1&#xa0;: %2</translation>
    </message>
    <message>
        <location filename="../gui/feed/helperconnection.cpp" line="118"/>
        <source>You are not allowed to do this. Nothing was changed.</source>
        <translation>Vous n’êtes pas autorisé à faire cela. Rien n’a été modifié.</translation>
    </message>
    <message>
        <location filename="../gui/feed/helperconnection.cpp" line="119"/>
        <source>Invalid input</source>
        <translation>Saisie non valide</translation>
    </message>
    <message>
        <location filename="../gui/feed/helperconnection.cpp" line="120"/>
        <source>Not found</source>
        <translation>Introuvable</translation>
    </message>
    <message>
        <location filename="../gui/feed/helperconnection.cpp" line="121"/>
        <source>Not possible right now</source>
        <translation>Impossible pour le moment</translation>
    </message>
    <message>
        <location filename="../gui/feed/helperconnection.cpp" line="122"/>
        <source>Not possible</source>
        <translation>Impossible</translation>
    </message>
    <message>
        <location filename="../gui/feed/helperconnection.cpp" line="123"/>
        <source>Cancelled.</source>
        <translation>Annulé.</translation>
    </message>
    <message>
        <location filename="../gui/feed/helperconnection.cpp" line="124"/>
        <source>The system refused</source>
        <translation>Le système a refusé</translation>
    </message>
    <message>
        <location filename="../gui/feed/helperconnection.cpp" line="129"/>
        <source>The Hutch helper service is not running.</source>
        <translation>Le service d’assistance de Hutch n’est pas lancé.</translation>
    </message>
    <message>
        <location filename="../gui/feed/helperconnection.cpp" line="132"/>
        <source>The Hutch helper service did not answer in time.</source>
        <translation>Le service d’assistance de Hutch n’a pas répondu à temps.</translation>
    </message>
    <message>
        <location filename="../gui/feed/helperconnection.cpp" line="134"/>
        <source>The system bus does not let Hutch talk to its helper service.</source>
        <translation>Le bus système ne permet pas à Hutch de communiquer avec son service d’assistance.</translation>
    </message>
    <message>
        <location filename="../gui/feed/helperconnection.cpp" line="136"/>
        <source>The Hutch helper service could not be reached.</source>
        <translation>Le service d’assistance de Hutch est injoignable.</translation>
    </message>
</context>
<context>
    <name>HistoryGraph</name>
    <message>
        <location filename="../gui/widgets/historygraph.cpp" line="135"/>
        <location filename="../gui/widgets/historygraph.cpp" line="142"/>
        <source>%1 at %2</source>
        <translation>%1 à %2</translation>
    </message>
</context>
<context>
    <name>HostCheckDialog</name>
    <message>
        <location filename="../gui/dialogs/hostcheckdialog.cpp" line="18"/>
        <source>Host Check</source>
        <translation>Vérification de l’hôte</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/hostcheckdialog.cpp" line="21"/>
        <source>Feature</source>
        <translation>Fonction</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/hostcheckdialog.cpp" line="21"/>
        <source>Verdict</source>
        <translation>Verdict</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/hostcheckdialog.cpp" line="21"/>
        <source>What was found</source>
        <translation>Constat</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/hostcheckdialog.cpp" line="21"/>
        <source>Without it</source>
        <translation>Sans elle</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/hostcheckdialog.cpp" line="22"/>
        <source>Host features</source>
        <translation>Fonctions de l’hôte</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/hostcheckdialog.cpp" line="29"/>
        <source>Check &amp;Again</source>
        <translation>&amp;Vérifier à nouveau</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/hostcheckdialog.cpp" line="41"/>
        <source>Checking this host…</source>
        <translation>Vérification de cet hôte…</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/hostcheckdialog.cpp" line="48"/>
        <source>The host check failed: %1</source>
        <translation>La vérification de l’hôte a échoué : %1</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/hostcheckdialog.cpp" line="61"/>
        <source>Available</source>
        <translation>Disponible</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/hostcheckdialog.cpp" line="61"/>
        <source>Limited</source>
        <translation>Limitée</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/hostcheckdialog.cpp" line="61"/>
        <source>Missing</source>
        <translation>Absente</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/hostcheckdialog.cpp" line="71"/>
        <source>This host offers everything Hutch uses.</source>
        <translation>Cet hôte offre tout ce dont Hutch se sert.</translation>
    </message>
    <message numerus="yes">
        <location filename="../gui/dialogs/hostcheckdialog.cpp" line="72"/>
        <source>%n feature(s) missing or limited on this host.</source>
        <translation>
            <numerusform>%n fonction absente ou limitée sur cet hôte.</numerusform>
            <numerusform>%n fonctions absentes ou limitées sur cet hôte.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HostTransfers</name>
    <message>
        <location filename="../gui/feed/hosttransfers.cpp" line="62"/>
        <source>hutchctl could not be started: %1</source>
        <translation>hutchctl n’a pas pu être lancé&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../gui/feed/hosttransfers.cpp" line="67"/>
        <source>hutchctl ended without saying why</source>
        <translation>hutchctl s’est terminé sans dire pourquoi</translation>
    </message>
</context>
<context>
    <name>HostsPanel</name>
    <message>
        <location filename="../gui/widgets/hostspanel.cpp" line="142"/>
        <source>Host</source>
        <translation>Hôte</translation>
    </message>
    <message>
        <location filename="../gui/widgets/hostspanel.cpp" line="142"/>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <location filename="../gui/widgets/hostspanel.cpp" line="142"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../gui/widgets/hostspanel.cpp" line="142"/>
        <source>Memory</source>
        <translation>Mémoire</translation>
    </message>
    <message>
        <location filename="../gui/widgets/hostspanel.cpp" line="148"/>
        <source>Hosts</source>
        <translation>Hôtes</translation>
    </message>
    <message>
        <location filename="../gui/widgets/hostspanel.cpp" line="149"/>
        <source>Drag a stopped container onto another host to copy it there; hold Shift to move it.</source>
        <translation>Glissez un conteneur arrêté sur un autre hôte pour l’y copier&#xa0;; maintenez Maj pour le déplacer.</translation>
    </message>
    <message>
        <location filename="../gui/widgets/hostspanel.cpp" line="154"/>
        <source>Add Host…</source>
        <translation>Ajouter un hôte…</translation>
    </message>
    <message>
        <location filename="../gui/widgets/hostspanel.cpp" line="156"/>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <location filename="../gui/widgets/hostspanel.cpp" line="158"/>
        <source>Reconnect</source>
        <translation>Reconnecter</translation>
    </message>
    <message>
        <location filename="../gui/widgets/hostspanel.cpp" line="238"/>
        <source>This computer</source>
        <translation>Cet ordinateur</translation>
    </message>
    <message>
        <location filename="../gui/widgets/hostspanel.cpp" line="285"/>
        <source>&amp;Console</source>
        <translation>&amp;Console</translation>
    </message>
    <message>
        <location filename="../gui/widgets/hostspanel.cpp" line="288"/>
        <source>S&amp;hell</source>
        <translation>S&amp;hell</translation>
    </message>
    <message>
        <location filename="../gui/widgets/hostspanel.cpp" line="319"/>
        <source>Connecting…</source>
        <translation>Connexion…</translation>
    </message>
    <message>
        <location filename="../gui/widgets/hostspanel.cpp" line="320"/>
        <source>Connected</source>
        <translation>Connecté</translation>
    </message>
    <message>
        <location filename="../gui/widgets/hostspanel.cpp" line="321"/>
        <source>Not reachable</source>
        <translation>Injoignable</translation>
    </message>
    <message>
        <location filename="../gui/widgets/hostspanel.cpp" line="364"/>
        <source>&quot;%1&quot; is running: stop it before copying or moving it to another host.</source>
        <translation>«&#xa0;%1&#xa0;» est en marche&#xa0;: arrêtez-le avant de le copier ou de le déplacer vers un autre hôte.</translation>
    </message>
    <message>
        <location filename="../gui/widgets/hostspanel.cpp" line="374"/>
        <source>this computer</source>
        <translation>cet ordinateur</translation>
    </message>
    <message>
        <location filename="../gui/widgets/hostspanel.cpp" line="376"/>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <location filename="../gui/widgets/hostspanel.cpp" line="385"/>
        <source>Add Host</source>
        <translation>Ajouter un hôte</translation>
    </message>
    <message>
        <location filename="../gui/widgets/hostspanel.cpp" line="390"/>
        <source>a host name, an address or an ssh_config alias</source>
        <translation>un nom d’hôte, une adresse ou un alias de ssh_config</translation>
    </message>
    <message>
        <location filename="../gui/widgets/hostspanel.cpp" line="393"/>
        <source>as ssh chooses</source>
        <translation>celui que choisit ssh</translation>
    </message>
    <message>
        <location filename="../gui/widgets/hostspanel.cpp" line="399"/>
        <source>&amp;Name:</source>
        <translation>&amp;Nom&#xa0;:</translation>
    </message>
    <message>
        <location filename="../gui/widgets/hostspanel.cpp" line="400"/>
        <source>&amp;Address:</source>
        <translation>&amp;Adresse&#xa0;:</translation>
    </message>
    <message>
        <location filename="../gui/widgets/hostspanel.cpp" line="401"/>
        <source>SSH &amp;user:</source>
        <translation>&amp;Utilisateur SSH&#xa0;:</translation>
    </message>
    <message>
        <location filename="../gui/widgets/hostspanel.cpp" line="402"/>
        <source>Hutch reaches the host with ssh; hutchctl and Hutch&apos;s helper must be installed there.</source>
        <translation>Hutch joint l’hôte par ssh&#xa0;; hutchctl et le service auxiliaire de Hutch doivent y être installés.</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../gui/dialogs/importdialog.cpp" line="23"/>
        <source>Import &quot;%1&quot;</source>
        <translation>Importer «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/importdialog.cpp" line="25"/>
        <source>As in the archive</source>
        <translation>Comme dans l’archive</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/importdialog.cpp" line="26"/>
        <source>New name</source>
        <translation>Nouveau nom</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/importdialog.cpp" line="27"/>
        <source>Leave empty to keep the name stored in the archive. A new name also gives the container a new hostname and new MAC addresses, as a clone gets.</source>
        <translation>Laisser vide pour garder le nom enregistré dans l’archive. Un nouveau nom donne aussi au conteneur un nouveau nom d’hôte et de nouvelles adresses MAC, comme à un clone.</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/importdialog.cpp" line="32"/>
        <source>Storage</source>
        <translation>Stockage</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/importdialog.cpp" line="33"/>
        <source>Best available</source>
        <translation>Le meilleur disponible</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/importdialog.cpp" line="34"/>
        <source>Directory</source>
        <translation>Répertoire</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/importdialog.cpp" line="35"/>
        <source>Btrfs subvolume</source>
        <translation>Sous-volume Btrfs</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/importdialog.cpp" line="36"/>
        <source>LVM volume</source>
        <translation>Volume LVM</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/importdialog.cpp" line="41"/>
        <source>&amp;Import</source>
        <translation>&amp;Importer</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/importdialog.cpp" line="52"/>
        <source>Archive:</source>
        <translation>Archive&#xa0;:</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/importdialog.cpp" line="53"/>
        <source>&amp;Name:</source>
        <translation>&amp;Nom&#xa0;:</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/importdialog.cpp" line="55"/>
        <source>&amp;Storage:</source>
        <translation>&amp;Stockage&#xa0;:</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/importdialog.cpp" line="56"/>
        <source>Command:</source>
        <translation>Commande&#xa0;:</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/importdialog.cpp" line="89"/>
        <source>As in the archive: %1</source>
        <translation>Comme dans l’archive&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>LogView</name>
    <message>
        <location filename="../gui/widgets/logview.cpp" line="20"/>
        <source>&amp;Follow</source>
        <translation>&amp;Suivre</translation>
    </message>
    <message>
        <location filename="../gui/widgets/logview.cpp" line="20"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualiser</translation>
    </message>
    <message>
        <location filename="../gui/widgets/logview.cpp" line="25"/>
        <source>Container log</source>
        <translation>Journal du conteneur</translation>
    </message>
    <message>
        <location filename="../gui/widgets/logview.cpp" line="31"/>
        <source>While the log is shown, fetch it again every few seconds and keep the end in view</source>
        <translation>Tant que le journal est affiché, le recharger toutes les quelques secondes et garder la fin visible</translation>
    </message>
    <message>
        <location filename="../gui/widgets/logview.cpp" line="134"/>
        <source>The log is empty.</source>
        <translation>Le journal est vide.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../gui/mainwindow.cpp" line="205"/>
        <source>Containers</source>
        <translation>Conteneurs</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="298"/>
        <source>Host &amp;Check…</source>
        <translation>&amp;Vérification de l’hôte…</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="315"/>
        <source>Main</source>
        <translation>Principale</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="357"/>
        <source>limit %1</source>
        <translation>limite %1</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="382"/>
        <source>Drag &quot;%1&quot; onto the list to clone it; double-click or Return opens it.</source>
        <translation>Glissez «&#xa0;%1&#xa0;» sur la liste pour le cloner&#xa0;; un double-clic ou Entrée l’ouvre.</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="422"/>
        <source>Export finished: &quot;%1&quot; is in %2.</source>
        <translation>Exportation terminée&#xa0;: «&#xa0;%1&#xa0;» est dans %2.</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="423"/>
        <source>Show in &amp;Folder</source>
        <translation>Afficher dans le &amp;dossier</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="441"/>
        <source>Cancelled: %1 of &quot;%2&quot;</source>
        <translation>Annulé&#xa0;: %1 de «&#xa0;%2&#xa0;»</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="443"/>
        <source>%1 of &quot;%2&quot; failed: %3</source>
        <translation>Échec de %1 de «&#xa0;%2&#xa0;»&#xa0;: %3</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="496"/>
        <source>&amp;Console</source>
        <translation>&amp;Console</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="500"/>
        <source>Main &amp;Console</source>
        <translation>&amp;Console principale</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="505"/>
        <source>tty&amp;%1</source>
        <translation>tty&amp;%1</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="548"/>
        <source>&quot;%1&quot; is %2. Stop it before cloning it.</source>
        <translation>«&#xa0;%1&#xa0;» est dans l’état %2. Arrêtez-le avant de le cloner.</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="563"/>
        <source>Export &quot;%1&quot;</source>
        <translation>Exporter «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="597"/>
        <source>Container archives</source>
        <translation>Archives de conteneurs</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="598"/>
        <source>All files</source>
        <translation>Tous les fichiers</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="599"/>
        <source>Import Container</source>
        <translation>Importer un conteneur</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="641"/>
        <source>Copy into &quot;%1&quot;</source>
        <translation>Copier dans « %1 »</translation>
    </message>
    <message numerus="yes">
        <location filename="../gui/mainwindow.cpp" line="642"/>
        <source>Copy %n item(s) into this directory of &quot;%1&quot;:</source>
        <translation>
            <numerusform>Copier %n élément dans ce dossier de « %1 » :</numerusform>
            <numerusform>Copier %n éléments dans ce dossier de « %1 » :</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="649"/>
        <source>&quot;%1&quot; is not a directory of the container: it must start with &quot;/&quot;.</source>
        <translation>« %1 » n’est pas un dossier du conteneur : il doit commencer par « / ».</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="659"/>
        <source>Connected to the helper on %1</source>
        <translation>Connecté au service d’assistance sur %1</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="660"/>
        <source>Not connected to the helper</source>
        <translation>Non connecté au service d’assistance</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="662"/>
        <source>hutch-helper is not running on %1. Hutch reconnects when it starts.</source>
        <translation>hutch-helper n’est pas lancé sur %1. Hutch se reconnecte dès qu’il démarre.</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="680"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="687"/>
        <source>No connection to the Hutch helper service.</source>
        <translation>Aucune connexion au service d’assistance de Hutch.</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="688"/>
        <source>Containers are listed and managed by the hutch-helper system service over D-Bus. Hutch connects by itself as soon as the service runs.</source>
        <translation>Les conteneurs sont listés et gérés par le service système hutch-helper via D-Bus. Hutch s’y connecte de lui-même dès que le service fonctionne.</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="691"/>
        <source>No containers yet.</source>
        <translation>Aucun conteneur pour l’instant.</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="692"/>
        <source>Create one with %1, or import an archive with %2.</source>
        <translation>Créez-en un avec %1, ou importez une archive avec %2.</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="696"/>
        <source>No container matches &quot;%1&quot;.</source>
        <translation>Aucun conteneur ne correspond à «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="706"/>
        <source>Hutch</source>
        <translation>Hutch</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="707"/>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="708"/>
        <source>&amp;Edit</source>
        <translation>É&amp;dition</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="709"/>
        <source>&amp;Settings…</source>
        <translation>&amp;Paramètres…</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="710"/>
        <source>&amp;Container</source>
        <translation>&amp;Conteneur</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="711"/>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="712"/>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="713"/>
        <source>&amp;Find…</source>
        <translation>&amp;Rechercher…</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="714"/>
        <source>&amp;Help</source>
        <translation>Aid&amp;e</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="715"/>
        <source>&amp;About Hutch</source>
        <translation>À &amp;propos de Hutch</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="716"/>
        <source>Filter by name or address</source>
        <translation>Filtrer par nom ou adresse</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="717"/>
        <source>Filter containers</source>
        <translation>Filtrer les conteneurs</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="718"/>
        <source>Operations</source>
        <translation>Opérations</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="719"/>
        <source>Resources</source>
        <translation>Ressources</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="720"/>
        <source>Details</source>
        <translation>Détails</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="721"/>
        <source>Files</source>
        <translation>Fichiers</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="722"/>
        <source>Hosts</source>
        <translation>Hôtes</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="740"/>
        <source>Hutch %1</source>
        <translation>Hutch %1</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="741"/>
        <source>A desktop manager for Linux system containers.</source>
        <translation>Un gestionnaire de bureau pour les conteneurs système Linux.</translation>
    </message>
    <message>
        <location filename="../gui/mainwindow.cpp" line="743"/>
        <source>About Hutch</source>
        <translation>À propos de Hutch</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <location filename="../gui/widgets/messagebar.cpp" line="22"/>
        <source>Dismiss</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location filename="../gui/widgets/messagebar.cpp" line="23"/>
        <source>Dismiss message</source>
        <translation>Fermer le message</translation>
    </message>
</context>
<context>
    <name>NameCheck</name>
    <message>
        <location filename="../gui/feed/namecheck.cpp" line="11"/>
        <source>Enter a name.</source>
        <translation>Saisissez un nom.</translation>
    </message>
    <message>
        <location filename="../gui/feed/namecheck.cpp" line="13"/>
        <source>This name cannot be used: %1</source>
        <translation>Ce nom ne peut pas être utilisé&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../gui/feed/namecheck.cpp" line="15"/>
        <source>A container named &quot;%1&quot; exists already.</source>
        <translation>Un conteneur nommé «&#xa0;%1&#xa0;» existe déjà.</translation>
    </message>
</context>
<context>
    <name>OperationsPanel</name>
    <message>
        <location filename="../gui/widgets/operationspanel.cpp" line="28"/>
        <source>Operation</source>
        <translation>Opération</translation>
    </message>
    <message>
        <location filename="../gui/widgets/operationspanel.cpp" line="28"/>
        <source>Container</source>
        <translation>Conteneur</translation>
    </message>
    <message>
        <location filename="../gui/widgets/operationspanel.cpp" line="28"/>
        <source>Progress</source>
        <translation>Progression</translation>
    </message>
    <message>
        <location filename="../gui/widgets/operationspanel.cpp" line="31"/>
        <source>Running operations</source>
        <translation>Opérations en cours</translation>
    </message>
    <message>
        <location filename="../gui/widgets/operationspanel.cpp" line="64"/>
        <source>Create</source>
        <translation>Création</translation>
    </message>
    <message>
        <location filename="../gui/widgets/operationspanel.cpp" line="65"/>
        <source>Clone</source>
        <translation>Clonage</translation>
    </message>
    <message>
        <location filename="../gui/widgets/operationspanel.cpp" line="66"/>
        <source>Destroy</source>
        <translation>Destruction</translation>
    </message>
    <message>
        <location filename="../gui/widgets/operationspanel.cpp" line="67"/>
        <source>Download</source>
        <translation>Téléchargement</translation>
    </message>
    <message>
        <location filename="../gui/widgets/operationspanel.cpp" line="68"/>
        <source>Snapshot</source>
        <translation>Instantané</translation>
    </message>
    <message>
        <location filename="../gui/widgets/operationspanel.cpp" line="69"/>
        <source>Restore snapshot</source>
        <translation>Restaurer un instantané</translation>
    </message>
    <message>
        <location filename="../gui/widgets/operationspanel.cpp" line="70"/>
        <source>Export</source>
        <translation>Exportation</translation>
    </message>
    <message>
        <location filename="../gui/widgets/operationspanel.cpp" line="71"/>
        <source>Import</source>
        <translation>Importation</translation>
    </message>
    <message>
        <location filename="../gui/widgets/operationspanel.cpp" line="72"/>
        <source>Copy files in</source>
        <translation>Copier des fichiers dedans</translation>
    </message>
    <message>
        <location filename="../gui/widgets/operationspanel.cpp" line="73"/>
        <source>Copy files out</source>
        <translation>Copier des fichiers dehors</translation>
    </message>
    <message>
        <location filename="../gui/widgets/operationspanel.cpp" line="74"/>
        <source>Copy to another host</source>
        <translation>Copier vers un autre hôte</translation>
    </message>
    <message>
        <location filename="../gui/widgets/operationspanel.cpp" line="75"/>
        <source>Move to another host</source>
        <translation>Déplacer vers un autre hôte</translation>
    </message>
    <message>
        <location filename="../gui/widgets/operationspanel.cpp" line="108"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../gui/widgets/operationspanel.cpp" line="110"/>
        <source>Cancel %1</source>
        <translation>Annuler %1</translation>
    </message>
</context>
<context>
    <name>PropertiesDialog</name>
    <message>
        <location filename="../gui/dialogs/propertiesdialog.cpp" line="43"/>
        <source>Properties of &quot;%1&quot;</source>
        <translation>Propriétés de «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/propertiesdialog.cpp" line="55"/>
        <source>Name:</source>
        <translation>Nom&#xa0;:</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/propertiesdialog.cpp" line="56"/>
        <source>State:</source>
        <translation>État&#xa0;:</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/propertiesdialog.cpp" line="58"/>
        <source>Init PID:</source>
        <translation>PID d’init&#xa0;:</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/propertiesdialog.cpp" line="59"/>
        <source>Hostname:</source>
        <translation>Nom d’hôte&#xa0;:</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/propertiesdialog.cpp" line="60"/>
        <source>Root filesystem:</source>
        <translation>Système de fichiers racine&#xa0;:</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/propertiesdialog.cpp" line="61"/>
        <source>Networks:</source>
        <translation>Réseaux&#xa0;:</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/propertiesdialog.cpp" line="62"/>
        <source>IPv4:</source>
        <translation>IPv4&#xa0;:</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/propertiesdialog.cpp" line="63"/>
        <source>IPv6:</source>
        <translation>IPv6&#xa0;:</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/propertiesdialog.cpp" line="64"/>
        <source>Ttys:</source>
        <translation>Terminaux (tty)&#xa0;:</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/propertiesdialog.cpp" line="65"/>
        <source>Memory limit:</source>
        <translation>Limite de mémoire&#xa0;:</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/propertiesdialog.cpp" line="66"/>
        <source>Autostart:</source>
        <translation>Démarrage automatique&#xa0;:</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/propertiesdialog.cpp" line="66"/>
        <source>Yes</source>
        <translation>Oui</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/propertiesdialog.cpp" line="66"/>
        <source>No</source>
        <translation>Non</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/propertiesdialog.cpp" line="67"/>
        <source>Privileges:</source>
        <translation>Privilèges :</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/propertiesdialog.cpp" line="70"/>
        <source>Problem:</source>
        <translation>Problème&#xa0;:</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/propertiesdialog.cpp" line="71"/>
        <source>&amp;General</source>
        <translation>&amp;Général</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/propertiesdialog.cpp" line="77"/>
        <source>&amp;Configuration</source>
        <translation>&amp;Configuration</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/propertiesdialog.cpp" line="80"/>
        <source>&amp;Log</source>
        <translation>&amp;Journal</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/propertiesdialog.cpp" line="84"/>
        <source>Sna&amp;pshots</source>
        <translation>I&amp;nstantanés</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/propertiesdialog.cpp" line="97"/>
        <source>Unsaved Changes</source>
        <translation>Modifications non enregistrées</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/propertiesdialog.cpp" line="98"/>
        <source>The configuration of &quot;%1&quot; has changes that are not saved.</source>
        <translation>La configuration de «&#xa0;%1&#xa0;» comporte des modifications non enregistrées.</translation>
    </message>
</context>
<context>
    <name>RemoteHosts</name>
    <message>
        <location filename="../gui/feed/remotehosts.cpp" line="114"/>
        <source>The host needs a name.</source>
        <translation>L’hôte doit avoir un nom.</translation>
    </message>
    <message>
        <location filename="../gui/feed/remotehosts.cpp" line="116"/>
        <source>The host needs an address.</source>
        <translation>L’hôte doit avoir une adresse.</translation>
    </message>
    <message>
        <location filename="../gui/feed/remotehosts.cpp" line="118"/>
        <source>&quot;%1&quot; is not an address ssh can use ([user@]host).</source>
        <translation>«&#xa0;%1&#xa0;» n’est pas une adresse utilisable par ssh ([utilisateur@]hôte).</translation>
    </message>
    <message>
        <location filename="../gui/feed/remotehosts.cpp" line="179"/>
        <source>hutchctl could not be started: %1</source>
        <translation>hutchctl n’a pas pu être lancé&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../gui/feed/remotehosts.cpp" line="267"/>
        <source>the host could not be reached</source>
        <translation>l’hôte n’a pas pu être joint</translation>
    </message>
    <message>
        <location filename="../gui/feed/remotehosts.cpp" line="216"/>
        <location filename="../gui/feed/remotehosts.cpp" line="294"/>
        <location filename="../gui/feed/remotehosts.cpp" line="306"/>
        <source>the host&apos;s list of containers is too long</source>
        <translation>la liste des conteneurs de l’hôte est trop longue</translation>
    </message>
    <message>
        <location filename="../gui/feed/remotehosts.cpp" line="292"/>
        <source>the host answered with something that is not a list of containers</source>
        <translation>l’hôte a répondu par autre chose qu’une liste de conteneurs</translation>
    </message>
</context>
<context>
    <name>RemoteTerminal</name>
    <message>
        <location filename="../gui/feed/remoteterminal.cpp" line="47"/>
        <source>a connection is already under way</source>
        <translation>une connexion est déjà en cours</translation>
    </message>
    <message>
        <location filename="../gui/feed/remoteterminal.cpp" line="52"/>
        <location filename="../gui/feed/remoteterminal.cpp" line="61"/>
        <source>no pseudo-terminal: %1</source>
        <translation>pas de pseudo-terminal&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../gui/feed/remoteterminal.cpp" line="107"/>
        <source>hutchctl could not be started: %1</source>
        <translation>hutchctl n’a pas pu être lancé&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>RenameDialog</name>
    <message>
        <location filename="../gui/dialogs/renamedialog.cpp" line="16"/>
        <source>Rename &quot;%1&quot;</source>
        <translation>Renommer «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/renamedialog.cpp" line="18"/>
        <source>New name</source>
        <translation>Nouveau nom</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/renamedialog.cpp" line="23"/>
        <source>&amp;Rename</source>
        <translation>&amp;Renommer</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/renamedialog.cpp" line="31"/>
        <source>&amp;New name:</source>
        <translation>&amp;Nouveau nom&#xa0;:</translation>
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
        <translation>Illimité</translation>
    </message>
    <message>
        <location filename="../gui/widgets/resourcespanel.cpp" line="137"/>
        <source>&amp;Undo Last Change</source>
        <translation>&amp;Annuler la dernière modification</translation>
    </message>
    <message>
        <location filename="../gui/widgets/resourcespanel.cpp" line="190"/>
        <source> cores</source>
        <translation>&#xa0;cœurs</translation>
    </message>
    <message>
        <location filename="../gui/widgets/resourcespanel.cpp" line="203"/>
        <source>CPU &amp;quota:</source>
        <translation>&amp;Quota de processeur&#xa0;:</translation>
    </message>
    <message>
        <location filename="../gui/widgets/resourcespanel.cpp" line="208"/>
        <location filename="../gui/widgets/resourcespanel.cpp" line="209"/>
        <source> MiB</source>
        <translation>&#xa0;Mio</translation>
    </message>
    <message>
        <location filename="../gui/widgets/resourcespanel.cpp" line="208"/>
        <source>&amp;Memory:</source>
        <translation>&amp;Mémoire&#xa0;:</translation>
    </message>
    <message>
        <location filename="../gui/widgets/resourcespanel.cpp" line="209"/>
        <source>S&amp;wap:</source>
        <translation>&amp;Swap&#xa0;:</translation>
    </message>
    <message>
        <location filename="../gui/widgets/resourcespanel.cpp" line="210"/>
        <source>CPU &amp;weight:</source>
        <translation>&amp;Poids processeur&#xa0;:</translation>
    </message>
    <message>
        <location filename="../gui/widgets/resourcespanel.cpp" line="211"/>
        <source>&amp;Processes:</source>
        <translation>P&amp;rocessus&#xa0;:</translation>
    </message>
    <message>
        <location filename="../gui/widgets/resourcespanel.cpp" line="212"/>
        <source>&amp;I/O weight:</source>
        <translation>Poids des &amp;E/S&#xa0;:</translation>
    </message>
    <message>
        <location filename="../gui/widgets/resourcespanel.cpp" line="243"/>
        <source>Default</source>
        <translation>Par défaut</translation>
    </message>
    <message>
        <location filename="../gui/widgets/resourcespanel.cpp" line="376"/>
        <source>Select one container to see its limits.</source>
        <translation>Sélectionnez un conteneur pour voir ses limites.</translation>
    </message>
    <message>
        <location filename="../gui/widgets/resourcespanel.cpp" line="377"/>
        <source>Limits of &quot;%1&quot; (running: changes apply at once)</source>
        <translation>Limites de «&#xa0;%1&#xa0;» (en marche&#xa0;: les modifications s’appliquent immédiatement)</translation>
    </message>
    <message>
        <location filename="../gui/widgets/resourcespanel.cpp" line="378"/>
        <source>Limits of &quot;%1&quot; (applied at its next start)</source>
        <translation>Limites de «&#xa0;%1&#xa0;» (appliquées à son prochain démarrage)</translation>
    </message>
    <message>
        <location filename="../gui/widgets/resourcespanel.cpp" line="441"/>
        <source>Limit Below Current Use</source>
        <translation>Limite inférieure à l’utilisation actuelle</translation>
    </message>
    <message>
        <location filename="../gui/widgets/resourcespanel.cpp" line="442"/>
        <source>&quot;%1&quot; uses more than this limit now (%2). Setting it may slow the container down or make the kernel end processes in it.</source>
        <translation>«&#xa0;%1&#xa0;» utilise actuellement plus que cette limite (%2). La définir peut ralentir le conteneur ou amener le noyau à y terminer des processus.</translation>
    </message>
    <message>
        <location filename="../gui/widgets/resourcespanel.cpp" line="446"/>
        <source>Set Anyway</source>
        <translation>Définir quand même</translation>
    </message>
    <message>
        <location filename="../gui/widgets/resourcespanel.cpp" line="472"/>
        <source>Could not set %1: %2</source>
        <translation>Impossible de définir %1&#xa0;: %2</translation>
    </message>
    <message>
        <location filename="../gui/widgets/resourcespanel.cpp" line="490"/>
        <source>%1 cores</source>
        <translation>%1&#xa0;cœurs</translation>
    </message>
    <message>
        <location filename="../gui/widgets/resourcespanel.cpp" line="520"/>
        <source>In use: %1</source>
        <translation>Utilisé&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../gui/dialogs/settingsdialog.cpp" line="26"/>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/settingsdialog.cpp" line="30"/>
        <source>System-wide (hutch-helper)</source>
        <translation>Pour tout le système (hutch-helper)</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/settingsdialog.cpp" line="33"/>
        <source>&amp;Container store:</source>
        <translation>Dépôt des &amp;conteneurs&#xa0;:</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/settingsdialog.cpp" line="34"/>
        <source>C&amp;ache:</source>
        <translation>C&amp;ache&#xa0;:</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/settingsdialog.cpp" line="35"/>
        <source>R&amp;untime files:</source>
        <translation>Fichiers d’e&amp;xécution&#xa0;:</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/settingsdialog.cpp" line="36"/>
        <source>Default &amp;storage:</source>
        <translation>&amp;Stockage par défaut&#xa0;:</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/settingsdialog.cpp" line="37"/>
        <source>Default &amp;bridge:</source>
        <translation>&amp;Pont par défaut&#xa0;:</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/settingsdialog.cpp" line="38"/>
        <source>Bridge s&amp;tate:</source>
        <translation>É&amp;tat du pont&#xa0;:</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/settingsdialog.cpp" line="39"/>
        <source>Bridge subn&amp;et:</source>
        <translation>So&amp;us-réseau du pont&#xa0;:</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/settingsdialog.cpp" line="40"/>
        <source>D&amp;HCP and DNS (dnsmasq):</source>
        <translation>D&amp;HCP et DNS (dnsmasq)&#xa0;:</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/settingsdialog.cpp" line="41"/>
        <source>Settings &amp;file:</source>
        <translation>&amp;Fichier de réglages&#xa0;:</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/settingsdialog.cpp" line="46"/>
        <source>unknown</source>
        <translation>inconnu</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/settingsdialog.cpp" line="54"/>
        <source>These settings belong to the system and are changed by an administrator in /etc/hutch/hutch.conf; hutch-helper reads them when it starts.</source>
        <translation>Ces réglages appartiennent au système et sont modifiés par un administrateur dans /etc/hutch/hutch.conf&#xa0;; hutch-helper les lit à son démarrage.</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/settingsdialog.cpp" line="59"/>
        <source>This application</source>
        <translation>Cette application</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/settingsdialog.cpp" line="65"/>
        <source> s</source>
        <translation>&#xa0;s</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/settingsdialog.cpp" line="67"/>
        <source>Resource use refresh interval</source>
        <translation>Intervalle d’actualisation de l’utilisation des ressources</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/settingsdialog.cpp" line="68"/>
        <source>&amp;Refresh resource use every:</source>
        <translation>&amp;Actualiser l’utilisation des ressources toutes les&#xa0;:</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/settingsdialog.cpp" line="72"/>
        <source>Ask before &amp;destroying a container</source>
        <translation>Demander avant de &amp;détruire un conteneur</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/settingsdialog.cpp" line="76"/>
        <source>Ask before s&amp;topping or rebooting a container</source>
        <translation>Demander avant d’arrê&amp;ter ou de redémarrer un conteneur</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/settingsdialog.cpp" line="80"/>
        <source>As the system</source>
        <translation>Comme le système</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/settingsdialog.cpp" line="81"/>
        <source>Light</source>
        <translation>Clair</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/settingsdialog.cpp" line="82"/>
        <source>Dark</source>
        <translation>Sombre</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/settingsdialog.cpp" line="84"/>
        <source>Colours</source>
        <translation>Couleurs</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/settingsdialog.cpp" line="85"/>
        <source>C&amp;olours:</source>
        <translation>C&amp;ouleurs&#xa0;:</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/settingsdialog.cpp" line="104"/>
        <source>%1 is up (made and run by Hutch)</source>
        <translation>%1 est actif (créé et géré par Hutch)</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/settingsdialog.cpp" line="106"/>
        <source>%1 is not created yet (Hutch makes it when a container needs it)</source>
        <translation>%1 n’est pas encore créé (Hutch le crée quand un conteneur en a besoin)</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/settingsdialog.cpp" line="108"/>
        <source>%1 is a bridge of this system&apos;s, not Hutch&apos;s</source>
        <translation>%1 est un pont de ce système, pas de Hutch</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/settingsdialog.cpp" line="115"/>
        <source>Not connected to the helper: its settings are unknown.</source>
        <translation>Non connecté au service d’assistance&#xa0;: ses réglages sont inconnus.</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/settingsdialog.cpp" line="141"/>
        <source>running</source>
        <translation>en marche</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/settingsdialog.cpp" line="141"/>
        <source>not running</source>
        <translation>arrêté</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/settingsdialog.cpp" line="143"/>
        <source>none yet</source>
        <translation>aucun pour l’instant</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/settingsdialog.cpp" line="149"/>
        <source>These settings belong to the system and are changed by an administrator in %1; hutch-helper reads them when it starts.</source>
        <translation>Ces réglages appartiennent au système et sont modifiés par un administrateur dans %1&#xa0;; hutch-helper les lit à son démarrage.</translation>
    </message>
</context>
<context>
    <name>SnapshotsView</name>
    <message>
        <location filename="../gui/widgets/snapshotsview.cpp" line="39"/>
        <source>&amp;Take Snapshot…</source>
        <translation>&amp;Prendre un instantané…</translation>
    </message>
    <message>
        <location filename="../gui/widgets/snapshotsview.cpp" line="39"/>
        <source>Re&amp;store…</source>
        <translation>&amp;Restaurer…</translation>
    </message>
    <message>
        <location filename="../gui/widgets/snapshotsview.cpp" line="40"/>
        <source>&amp;Delete…</source>
        <translation>&amp;Supprimer…</translation>
    </message>
    <message>
        <location filename="../gui/widgets/snapshotsview.cpp" line="40"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualiser</translation>
    </message>
    <message>
        <location filename="../gui/widgets/snapshotsview.cpp" line="45"/>
        <source>Snapshots</source>
        <translation>Instantanés</translation>
    </message>
    <message>
        <location filename="../gui/widgets/snapshotsview.cpp" line="49"/>
        <source>Snapshot</source>
        <translation>Instantané</translation>
    </message>
    <message>
        <location filename="../gui/widgets/snapshotsview.cpp" line="49"/>
        <source>Taken</source>
        <translation>Pris le</translation>
    </message>
    <message>
        <location filename="../gui/widgets/snapshotsview.cpp" line="49"/>
        <source>Comment</source>
        <translation>Commentaire</translation>
    </message>
    <message>
        <location filename="../gui/widgets/snapshotsview.cpp" line="66"/>
        <source>Snapshot operation progress</source>
        <translation>Progression de l’opération sur l’instantané</translation>
    </message>
    <message>
        <location filename="../gui/widgets/snapshotsview.cpp" line="89"/>
        <source>the helper went away during the operation</source>
        <translation>l’assistant a disparu pendant l’opération</translation>
    </message>
    <message>
        <location filename="../gui/widgets/snapshotsview.cpp" line="203"/>
        <source>&quot;%1&quot; is not stopped. Stop it to take, restore or delete snapshots.</source>
        <translation>«&#xa0;%1&#xa0;» n’est pas arrêté. Arrêtez-le pour prendre, restaurer ou supprimer des instantanés.</translation>
    </message>
    <message>
        <location filename="../gui/widgets/snapshotsview.cpp" line="206"/>
        <source>SNAPSHOT</source>
        <translation>INSTANTANÉ</translation>
    </message>
    <message>
        <location filename="../gui/widgets/snapshotsview.cpp" line="207"/>
        <source>Take a snapshot of the root filesystem and configuration</source>
        <translation>Prendre un instantané du système de fichiers racine et de la configuration</translation>
    </message>
    <message>
        <location filename="../gui/widgets/snapshotsview.cpp" line="209"/>
        <source>Replace the root filesystem and configuration with the selected snapshot</source>
        <translation>Remplacer le système de fichiers racine et la configuration par l’instantané sélectionné</translation>
    </message>
    <message>
        <location filename="../gui/widgets/snapshotsview.cpp" line="211"/>
        <source>Delete the selected snapshot</source>
        <translation>Supprimer l’instantané sélectionné</translation>
    </message>
    <message>
        <location filename="../gui/widgets/snapshotsview.cpp" line="269"/>
        <source>&quot;%1&quot; has no snapshots.</source>
        <translation>«&#xa0;%1&#xa0;» n’a aucun instantané.</translation>
    </message>
    <message>
        <location filename="../gui/widgets/snapshotsview.cpp" line="284"/>
        <source>Could not list the snapshots: %1</source>
        <translation>Impossible de lister les instantanés&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../gui/widgets/snapshotsview.cpp" line="299"/>
        <source>Take Snapshot of &quot;%1&quot;</source>
        <translation>Prendre un instantané de «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <location filename="../gui/widgets/snapshotsview.cpp" line="302"/>
        <source>A snapshot keeps the root filesystem and configuration of &quot;%1&quot; as they are now.

&amp;Comment (optional):</source>
        <translation>Un instantané conserve le système de fichiers racine et la configuration de «&#xa0;%1&#xa0;» tels qu’ils sont maintenant.

&amp;Commentaire (facultatif)&#xa0;:</translation>
    </message>
    <message>
        <location filename="../gui/widgets/snapshotsview.cpp" line="305"/>
        <source>&amp;Take Snapshot</source>
        <translation>&amp;Prendre l’instantané</translation>
    </message>
    <message>
        <location filename="../gui/widgets/snapshotsview.cpp" line="319"/>
        <source>Restore Snapshot</source>
        <translation>Restaurer l’instantané</translation>
    </message>
    <message>
        <location filename="../gui/widgets/snapshotsview.cpp" line="320"/>
        <source>Restore the snapshot &quot;%1&quot; of the container &quot;%2&quot;?</source>
        <translation>Restaurer l’instantané «&#xa0;%1&#xa0;» du conteneur «&#xa0;%2&#xa0;»&#xa0;?</translation>
    </message>
    <message>
        <location filename="../gui/widgets/snapshotsview.cpp" line="323"/>
        <source>The current root filesystem and configuration of &quot;%1&quot; are replaced by those of the snapshot; changes made since it was taken are lost. The snapshot stays.</source>
        <translation>Le système de fichiers racine et la configuration actuels de «&#xa0;%1&#xa0;» sont remplacés par ceux de l’instantané&#xa0;; les modifications faites depuis sa création sont perdues. L’instantané est conservé.</translation>
    </message>
    <message>
        <location filename="../gui/widgets/snapshotsview.cpp" line="326"/>
        <location filename="../gui/widgets/snapshotsview.cpp" line="346"/>
        <source>The same with hutchctl:</source>
        <translation>La même chose avec hutchctl&#xa0;:</translation>
    </message>
    <message>
        <location filename="../gui/widgets/snapshotsview.cpp" line="328"/>
        <source>Restore</source>
        <translation>Restaurer</translation>
    </message>
    <message>
        <location filename="../gui/widgets/snapshotsview.cpp" line="341"/>
        <source>Delete Snapshot</source>
        <translation>Supprimer l’instantané</translation>
    </message>
    <message>
        <location filename="../gui/widgets/snapshotsview.cpp" line="342"/>
        <source>Delete the snapshot &quot;%1&quot; of the container &quot;%2&quot;?</source>
        <translation>Supprimer l’instantané «&#xa0;%1&#xa0;» du conteneur «&#xa0;%2&#xa0;»&#xa0;?</translation>
    </message>
    <message>
        <location filename="../gui/widgets/snapshotsview.cpp" line="345"/>
        <source>It cannot be restored afterwards.</source>
        <translation>Il ne pourra plus être restauré ensuite.</translation>
    </message>
    <message>
        <location filename="../gui/widgets/snapshotsview.cpp" line="348"/>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <location filename="../gui/widgets/snapshotsview.cpp" line="357"/>
        <source>Deleting %1…</source>
        <translation>Suppression de %1…</translation>
    </message>
    <message>
        <location filename="../gui/widgets/snapshotsview.cpp" line="361"/>
        <source>Snapshot %1 deleted.</source>
        <translation>Instantané %1 supprimé.</translation>
    </message>
    <message>
        <location filename="../gui/widgets/snapshotsview.cpp" line="376"/>
        <source>Restoring %1…</source>
        <translation>Restauration de %1…</translation>
    </message>
    <message>
        <location filename="../gui/widgets/snapshotsview.cpp" line="377"/>
        <source>Taking a snapshot…</source>
        <translation>Prise de l’instantané…</translation>
    </message>
    <message>
        <location filename="../gui/widgets/snapshotsview.cpp" line="416"/>
        <source>&quot;%1&quot; was restored from %2.</source>
        <translation>«&#xa0;%1&#xa0;» a été restauré depuis %2.</translation>
    </message>
    <message>
        <location filename="../gui/widgets/snapshotsview.cpp" line="417"/>
        <source>Snapshot taken.</source>
        <translation>Instantané pris.</translation>
    </message>
    <message>
        <location filename="../gui/widgets/snapshotsview.cpp" line="420"/>
        <source>Cancelled. Nothing was changed.</source>
        <translation>Annulé. Rien n’a été modifié.</translation>
    </message>
    <message>
        <location filename="../gui/widgets/snapshotsview.cpp" line="434"/>
        <source>Could not take a snapshot of &quot;%1&quot;: %2</source>
        <translation>Impossible de prendre un instantané de «&#xa0;%1&#xa0;»&#xa0;: %2</translation>
    </message>
    <message>
        <location filename="../gui/widgets/snapshotsview.cpp" line="436"/>
        <source>Could not restore %1: %2</source>
        <translation>Impossible de restaurer %1&#xa0;: %2</translation>
    </message>
    <message>
        <location filename="../gui/widgets/snapshotsview.cpp" line="437"/>
        <source>Could not delete %1: %2</source>
        <translation>Impossible de supprimer %1&#xa0;: %2</translation>
    </message>
</context>
<context>
    <name>TemplateTexts</name>
    <message>
        <location filename="../gui/feed/templatetexts.cpp" line="17"/>
        <source>A tiny container from the host&apos;s static busybox</source>
        <translation>Un tout petit conteneur fait du busybox statique de l&apos;hôte</translation>
    </message>
    <message>
        <location filename="../gui/feed/templatetexts.cpp" line="18"/>
        <source>A rootfs tarball you pick, with optional LXC image metadata</source>
        <translation>Une archive tar de rootfs de votre choix, avec des métadonnées d&apos;image LXC facultatives</translation>
    </message>
    <message>
        <location filename="../gui/feed/templatetexts.cpp" line="19"/>
        <source>An image from an LXC image server</source>
        <translation>Une image d&apos;un serveur d&apos;images LXC</translation>
    </message>
    <message>
        <location filename="../gui/feed/templatetexts.cpp" line="20"/>
        <source>Debian through debootstrap (cached)</source>
        <translation>Debian par debootstrap (mis en cache)</translation>
    </message>
    <message>
        <location filename="../gui/feed/templatetexts.cpp" line="21"/>
        <source>Ubuntu through debootstrap (cached)</source>
        <translation>Ubuntu par debootstrap (mis en cache)</translation>
    </message>
    <message>
        <location filename="../gui/feed/templatetexts.cpp" line="25"/>
        <source>Number of ttys (lxc.tty.max)</source>
        <translation>Nombre de TTY (lxc.tty.max)</translation>
    </message>
    <message>
        <location filename="../gui/feed/templatetexts.cpp" line="26"/>
        <source>getty and login instead of shells</source>
        <translation>getty et login au lieu de shells</translation>
    </message>
    <message>
        <location filename="../gui/feed/templatetexts.cpp" line="27"/>
        <source>Hostname (default: the container&apos;s name)</source>
        <translation>Nom d&apos;hôte (par défaut : le nom du conteneur)</translation>
    </message>
    <message>
        <location filename="../gui/feed/templatetexts.cpp" line="28"/>
        <source>Rootfs tarball (.tar, .tar.gz, .tar.xz, .tar.zst)</source>
        <translation>Archive tar du rootfs (.tar, .tar.gz, .tar.xz, .tar.zst)</translation>
    </message>
    <message>
        <location filename="../gui/feed/templatetexts.cpp" line="29"/>
        <source>LXC image metadata tarball (meta.tar.xz), optional</source>
        <translation>Archive tar des métadonnées de l&apos;image LXC (meta.tar.xz), facultative</translation>
    </message>
    <message>
        <location filename="../gui/feed/templatetexts.cpp" line="30"/>
        <source>Backing store of the rootfs</source>
        <translation>Stockage du rootfs</translation>
    </message>
    <message>
        <location filename="../gui/feed/templatetexts.cpp" line="31"/>
        <source>Image server</source>
        <translation>Serveur d&apos;images</translation>
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
        <translation>Architecture</translation>
    </message>
    <message>
        <location filename="../gui/feed/templatetexts.cpp" line="35"/>
        <source>Variant</source>
        <translation>Variante</translation>
    </message>
    <message>
        <location filename="../gui/feed/templatetexts.cpp" line="36"/>
        <source>debootstrap variant</source>
        <translation>Variante de debootstrap</translation>
    </message>
    <message>
        <location filename="../gui/feed/templatetexts.cpp" line="37"/>
        <source>Download again even if cached</source>
        <translation>Télécharger de nouveau même si en cache</translation>
    </message>
    <message>
        <location filename="../gui/feed/templatetexts.cpp" line="38"/>
        <source>Rebuild the cached rootfs</source>
        <translation>Reconstruire le rootfs en cache</translation>
    </message>
    <message>
        <location filename="../gui/feed/templatetexts.cpp" line="39"/>
        <source>Mirror</source>
        <translation>Miroir</translation>
    </message>
    <message>
        <location filename="../gui/feed/templatetexts.cpp" line="40"/>
        <source>Password of root for the console&apos;s login (empty: root stays locked, use Shell)</source>
        <translation>Mot de passe de root pour la connexion à la console (vide : root reste verrouillé, utilisez Shell)</translation>
    </message>
</context>
<context>
    <name>TerminalSearchBar</name>
    <message>
        <location filename="../gui/terminal/terminalsearchbar.cpp" line="111"/>
        <source>Search the scrollback</source>
        <translation>Rechercher dans l’historique</translation>
    </message>
    <message>
        <location filename="../gui/terminal/terminalsearchbar.cpp" line="112"/>
        <source>Find previous (Enter)</source>
        <translation>Rechercher le précédent (Entrée)</translation>
    </message>
    <message>
        <location filename="../gui/terminal/terminalsearchbar.cpp" line="113"/>
        <source>Previous</source>
        <translation>Précédent</translation>
    </message>
    <message>
        <location filename="../gui/terminal/terminalsearchbar.cpp" line="114"/>
        <source>Find next (Shift+Enter)</source>
        <translation>Rechercher le suivant (Maj+Entrée)</translation>
    </message>
    <message>
        <location filename="../gui/terminal/terminalsearchbar.cpp" line="115"/>
        <source>Next</source>
        <translation>Suivant</translation>
    </message>
    <message>
        <location filename="../gui/terminal/terminalsearchbar.cpp" line="116"/>
        <source>Match case</source>
        <translation>Respecter la casse</translation>
    </message>
    <message>
        <location filename="../gui/terminal/terminalsearchbar.cpp" line="117"/>
        <source>Close the search bar (Escape)</source>
        <translation>Fermer la barre de recherche (Échap)</translation>
    </message>
    <message>
        <location filename="../gui/terminal/terminalsearchbar.cpp" line="118"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location filename="../gui/terminal/terminalsearchbar.cpp" line="119"/>
        <source>No matches</source>
        <translation>Aucun résultat</translation>
    </message>
</context>
<context>
    <name>TerminalWidget</name>
    <message>
        <location filename="../gui/terminal/terminalwidget.cpp" line="670"/>
        <source>&amp;Copy</source>
        <translation>&amp;Copier</translation>
    </message>
    <message>
        <location filename="../gui/terminal/terminalwidget.cpp" line="674"/>
        <source>&amp;Paste</source>
        <translation>C&amp;oller</translation>
    </message>
    <message>
        <location filename="../gui/terminal/terminalwidget.cpp" line="678"/>
        <source>Select &amp;All</source>
        <translation>&amp;Tout sélectionner</translation>
    </message>
    <message>
        <location filename="../gui/terminal/terminalwidget.cpp" line="681"/>
        <source>&amp;Find…</source>
        <translation>&amp;Rechercher…</translation>
    </message>
    <message>
        <location filename="../gui/terminal/terminalwidget.cpp" line="685"/>
        <source>Zoom &amp;In</source>
        <translation>Zoom a&amp;vant</translation>
    </message>
    <message>
        <location filename="../gui/terminal/terminalwidget.cpp" line="688"/>
        <source>Zoom &amp;Out</source>
        <translation>Zoom a&amp;rrière</translation>
    </message>
    <message>
        <location filename="../gui/terminal/terminalwidget.cpp" line="691"/>
        <source>&amp;Reset Zoom</source>
        <translation>Réi&amp;nitialiser le zoom</translation>
    </message>
    <message>
        <location filename="../gui/terminal/terminalwidget.cpp" line="694"/>
        <source>C&amp;lear Scrollback</source>
        <translation>&amp;Effacer l’historique</translation>
    </message>
</context>
</TS>
