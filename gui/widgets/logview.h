// LogView: the end of one container's log (Helper1.GetLog), read-only, with
// Refresh and "Follow": while the view is visible and Follow is on, it asks
// again every few seconds and keeps the newest lines in sight.
#pragma once

#include <QWidget>

class HelperConnection;
class QCheckBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTimer;

class LogView : public QWidget
{
    Q_OBJECT

public:
    explicit LogView(HelperConnection *connection, QWidget *parent = nullptr);

    void setContainer(const QString &name);
    QString container() const { return m_name; }
    void setInterval(int ms);
    void setLines(uint lines) { m_lines = lines; }
    void refresh();

    QPlainTextEdit *textView() const { return m_text; }
    QCheckBox *followBox() const { return m_follow; }
    QPushButton *refreshButton() const { return m_refresh; }
    bool isFollowing() const;
    // The helper's refusal or failure of the last refresh, empty after an answer.
    QString lastError() const { return m_error; }

Q_SIGNALS:
    // A GetLog answer was shown (or its error).
    void refreshed();

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void updateTimer();

    HelperConnection *m_connection;
    QString m_name;
    QPlainTextEdit *m_text;
    QCheckBox *m_follow;
    QPushButton *m_refresh;
    QLabel *m_status;
    QTimer *m_timer;
    uint m_lines = 500;
    bool m_pending = false;
    QString m_error;
};
