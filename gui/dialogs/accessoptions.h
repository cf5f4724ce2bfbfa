// The creation wizard's "Account and Access" box (the guide's lxc-ubuntu
// -b, -S and lxc-ubuntu-cloud -u): share the desktop user's home folder and
// account, an SSH public key for root, cloud-init user data. Files are
// opened here, as the user, and reach the helper as descriptors.
#pragma once

#include <QGroupBox>
#include <QVariantMap>

class QCheckBox;
class QLabel;
class QLineEdit;

class AccessOptions : public QGroupBox
{
    Q_OBJECT

public:
    explicit AccessOptions(QWidget *parent = nullptr);

    // The user running the GUI, whom "Share my home folder" binds.
    QString userName() const { return m_user; }
    // CreateContainer's options: bind_user (s), ssh_key (h), user_data (h).
    QVariantMap createOptions() const;
    // The same for hutchctl create: -b USER -S FILE -u FILE.
    QStringList hutchctlArguments() const;
    QStringList summaryLines() const;
    // A file that cannot be read; empty when all is well.
    QString problem() const;

Q_SIGNALS:
    void changed();

private:
    QWidget *fileRow(QLineEdit **edit, const QString &objectName, const QString &dialogTitle);

    QString m_user;
    QCheckBox *m_shareHome = nullptr;
    QLineEdit *m_sshKey = nullptr;
    QLineEdit *m_userData = nullptr;
    QLabel *m_problem = nullptr;
};
