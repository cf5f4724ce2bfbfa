// The search bar over a terminal: a text field, previous/next, match case,
// close. It only asks; TerminalWidget searches and reports back.
#pragma once

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QToolButton;

class TerminalSearchBar : public QWidget
{
    Q_OBJECT

public:
    explicit TerminalSearchBar(QWidget *parent = nullptr);

    QString text() const;
    Qt::CaseSensitivity caseSensitivity() const;
    // Focuses the field and selects its text.
    void activate();
    // Shows "No matches" (or clears it).
    void setFound(bool found);

Q_SIGNALS:
    // Enter / Shift+Enter and the buttons; typing searches backwards too,
    // from the newest output.
    void findNext();
    void findPrevious();
    void searchChanged();
    void closed();

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();

    QLineEdit *m_field = nullptr;
    QToolButton *m_previous = nullptr;
    QToolButton *m_next = nullptr;
    QCheckBox *m_matchCase = nullptr;
    QLabel *m_status = nullptr;
    QToolButton *m_close = nullptr;
    bool m_notFound = false;
};
