// CreateWizard: a new container step by step — name (checked as typed),
// template and its options (built from the helper's ListTemplates schema),
// storage, network, resources and autostart, account and access (a shared
// home, an SSH key, cloud-init user data), a summary; then the creation
// job with its progress, log and Cancel. Network, resources and autostart
// are config settings applied once the container exists.
#pragma once

#include <QHash>
#include <QVariantMap>
#include <QWizard>

class AccessOptions;
class ContainerListModel;
class HelperConnection;
class Job1Proxy;
class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;

class CreateWizard : public QWizard
{
    Q_OBJECT

public:
    enum Page { NamePage, TemplatePage, SettingsPage, SummaryPage, ProgressPage };

    CreateWizard(HelperConnection *connection, const ContainerListModel *model, QWidget *parent = nullptr);
    ~CreateWizard() override;

    // What the pages hold, as the helper will get it.
    QString containerName() const;
    QString templateName() const;
    QVariantMap templateOptions() const;
    QVariantMap createOptions() const;
    // Config keys and cgroup limits set after the creation.
    QHash<QString, QString> configItems() const;
    QVariantMap limits() const;
    QString summaryText() const;
    QString nameProblem() const;
    // Why the template page cannot be left: a required option empty, a file
    // that cannot be read. Empty when it can.
    QString templateProblem() const;
    QString jobPath() const { return m_jobPath; }
    // Closing while the job runs cancels it.
    void reject() override;
    // A template's "arch" option (choices of Debian names) as a combo box
    // whose items say, in the user's language, what each architecture is
    // and how it runs on this computer; the item data is the Debian name.
    static QComboBox *architectureChoice(const QVariantMap &option);

Q_SIGNALS:
    void created(const QString &name);
    void templatesLoaded();
    void jobFinished(bool success);

protected:
    void initializePage(int id) override;
    bool validateCurrentPage() override;

private:
    QWizardPage *createNamePage();
    QWizardPage *createTemplatePage();
    QWizardPage *createSettingsPage();
    QWizardPage *createSummaryPage();
    QWizardPage *createProgressPage();
    void loadTemplates();
    void showTemplateOptions();
    void checkName();
    void checkTemplate();
    void startCreation();
    void onJobFinished(const QString &path, bool success, const QString &error, const QString &message);
    void applySettings();
    void finishWith(bool success, const QString &text);
    void appendLog(const QString &line);

    HelperConnection *m_connection;
    const ContainerListModel *m_model;
    QList<QVariantMap> m_templates;

    QLineEdit *m_name = nullptr;
    QLabel *m_nameProblem = nullptr;
    QComboBox *m_template = nullptr;
    QLabel *m_templateDescription = nullptr;
    QLabel *m_templateProblem = nullptr;
    QWizardPage *m_templatePage = nullptr;
    QFormLayout *m_optionsForm = nullptr;
    QHash<QString, QWidget *> m_optionWidgets;
    QHash<QString, QString> m_optionTypes;
    QComboBox *m_storage = nullptr;
    QComboBox *m_network = nullptr;
    QSpinBox *m_memory = nullptr;
    QDoubleSpinBox *m_cpus = nullptr;
    QCheckBox *m_autostart = nullptr;
    AccessOptions *m_access = nullptr;
    QCheckBox *m_privileged = nullptr;
    QLabel *m_summary = nullptr;
    QProgressBar *m_progress = nullptr;
    QPlainTextEdit *m_log = nullptr;
    QLabel *m_result = nullptr;
    QPushButton *m_cancelJob = nullptr;

    QString m_jobPath;
    QString m_bridge = QStringLiteral("hutchbr0");  // GetSettings' defaultBridge
    Job1Proxy *m_job = nullptr;
    bool m_running = false;
    bool m_done = false;
    // JobFinished may arrive before CreateContainer's reply tells our path.
    QHash<QString, QVariantList> m_earlyFinished;
};
