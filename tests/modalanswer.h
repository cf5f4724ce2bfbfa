// Answers the GUI's modal questions in tests through its hook (gui/widgets/
// modal.h): the dialog is answered when the GUI asks, synchronously, with no
// timer guessing when a box is up. Context menus are answered on their Show
// event.
#pragma once

#include "modal.h"

#include <QAbstractButton>
#include <QApplication>
#include <QDialog>
#include <QEvent>
#include <QMenu>
#include <QMessageBox>
#include <QString>

#include <functional>

namespace hutch::test {

// The next question: `answer` gets the dialog; later ones run exec() again.
// A test whose question did not come clears the hook (setModalHook({})) in
// cleanup(), so that no later question gets its answer.
inline void answerNext(std::function<void(QDialog &)> answer)
{
    setModalHook([answer = std::move(answer)](QDialog &d) {
        setModalHook({});
        answer(d);
    });
}

// The next message box: its text into *text, then the button of `role`
// clicked. A question that is not a message box is declined.
inline void answerNextBox(QString *text, QMessageBox::ButtonRole role)
{
    answerNext([text, role](QDialog &d) {
        auto *box = qobject_cast<QMessageBox *>(&d);
        if (!box)
            return d.reject();
        *text = box->text();
        for (QAbstractButton *b : box->buttons())
            if (box->buttonRole(b) == role)
                return b->click();
        box->reject();
    });
}

// A popup menu is no dialog (QMenu::exec runs an event loop of its own,
// not runModal): the next menu named `objectName` is answered from that
// loop once its Show event says it is up, then closed.
class MenuAnswer : public QObject {
public:
    MenuAnswer(QString objectName, std::function<void(QMenu &)> answer)
        : m_name(std::move(objectName)), m_answer(std::move(answer))
    {
    }
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        auto *menu = qobject_cast<QMenu *>(watched);
        if (event->type() != QEvent::Show || !menu || menu->objectName() != m_name)
            return false;
        QApplication::instance()->removeEventFilter(this);
        // Queued: it runs in exec()'s loop, which the close then ends.
        QMetaObject::invokeMethod(
            menu, [menu, answer = m_answer] {
                answer(*menu);
                menu->close();
            },
            Qt::QueuedConnection);
        deleteLater();
        return false;
    }

private:
    QString m_name;
    std::function<void(QMenu &)> m_answer;
};

inline void answerNextMenu(const QString &objectName, std::function<void(QMenu &)> answer)
{
    QApplication::instance()->installEventFilter(new MenuAnswer(objectName, std::move(answer)));
}

}  // namespace hutch::test
