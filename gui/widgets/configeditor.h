// ConfigEditor: one container's config file in an editor, as it is written
// (Helper1.GetConfigText: comments, order and spacing kept). The text is
// highlighted (ConfigHighlighter) and validated as the user types — after a
// short pause, by the core library, the same code as `hutchctl
// check-config` — with problems underlined on their lines, explained in a
// tooltip and listed below as "config:LINE: message". Save is possible only
// while there are no errors; it sends the whole text to the helper
// (Helper1.SetConfig), which validates it again before it replaces the file.
#pragma once

#include "config.h"

#include <QWidget>

class ConfigHighlighter;
class HelperConnection;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QTimer;

class ConfigEditor : public QWidget
{
    Q_OBJECT

public:
    explicit ConfigEditor(HelperConnection *connection, QWidget *parent = nullptr);

    // Loads NAME's configuration from the helper.
    void setContainer(const QString &name);
    QString container() const { return m_name; }
    // Replaces the text as if it had been loaded (unmodified) and validates it.
    void setText(const QString &text);
    QString text() const;
    // The text as loaded or last saved.
    QString savedText() const { return m_savedText; }

    // Validates now instead of after the typing pause.
    void validateNow();
    const QList<hutch::Diagnostic> &diagnostics() const { return m_diagnostics; }
    bool hasErrors() const;
    int errorCount() const;
    // SetConfig's refusal ("config:LINE: message" lines, maybe with a
    // "warning: ") as diagnostics; other lines are left out.
    static QList<hutch::Diagnostic> parseHelperProblems(const QString &message);
    bool isModified() const;

    QPlainTextEdit *editor() const { return m_edit; }
    QListWidget *problemList() const { return m_problems; }
    QPushButton *saveButton() const { return m_save; }
    QPushButton *revertButton() const { return m_revert; }
    ConfigHighlighter *highlighter() const { return m_highlighter; }
    // The message shown for a line (1-based), empty if none.
    QString problemAt(int line) const;

    // The typing pause before validation, in ms.
    void setValidationDelay(int ms);

    void save();

Q_SIGNALS:
    void validated(bool ok);
    void loaded();
    void saved();
    void saveFailed(const QString &message);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void load();
    void showDiagnostics();
    void updateButtons();
    void goToLine(int line);
    void setStatus(const QString &text, bool problem = false);

    HelperConnection *m_connection;
    QString m_name;
    QString m_savedText;
    QString m_baseDir;  // relative includes: the container's directory
    QPlainTextEdit *m_edit;
    ConfigHighlighter *m_highlighter;
    QListWidget *m_problems;
    QLabel *m_status;
    QPushButton *m_save, *m_revert;
    QTimer *m_debounce;
    QList<hutch::Diagnostic> m_diagnostics;
    QList<hutch::Diagnostic> m_helperDiagnostics;  // from a refused save, until the next edit
    bool m_saving = false;
};
