// MessageBar: a line above the container list for what the helper said
// (an error, or a calm "you are not allowed" for a polkit refusal). It does
// not block like a dialog: a refusal is information, not an alarm.
#pragma once

#include <QFrame>

#include <functional>

class QLabel;
class QPushButton;
class QToolButton;

class MessageBar : public QFrame
{
    Q_OBJECT

public:
    enum class Kind { Information, Error };

    explicit MessageBar(QWidget *parent = nullptr);
    // ACTION: a button beside the text (e.g. "Show in Folder") that runs
    // `onAction`; none when empty.
    void showMessage(const QString &text, Kind kind, const QString &action = QString(),
                     std::function<void()> onAction = {});
    QPushButton *actionButton() const { return m_action; }
    QString text() const;
    Kind kind() const { return m_kind; }

private:
    QLabel *m_icon;
    QLabel *m_text;
    QToolButton *m_close;
    QPushButton *m_action;
    std::function<void()> m_onAction;
    Kind m_kind = Kind::Information;
};
