// Answers the GUI's modal questions in tests through its hook (gui/widgets/
// modal.h): the dialog is answered when the GUI asks, synchronously, with no
// timer guessing when a box is up.
#pragma once

#include "modal.h"

#include <QAbstractButton>
#include <QDialog>
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

}  // namespace hutch::test
