// MessageBar: a line above the container list for what the helper said
// (an error, or a calm "you are not allowed" for a polkit refusal). It does
// not block like a dialog: a refusal is information, not an alarm.
#pragma once

#include <QFrame>

class QLabel;
class QToolButton;

class MessageBar : public QFrame
{
    Q_OBJECT

public:
    enum class Kind { Information, Error };

    explicit MessageBar(QWidget *parent = nullptr);
    void showMessage(const QString &text, Kind kind);
    QString text() const;
    Kind kind() const { return m_kind; }

private:
    QLabel *m_icon;
    QLabel *m_text;
    QToolButton *m_close;
    Kind m_kind = Kind::Information;
};
