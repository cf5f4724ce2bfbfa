// Every modal question the GUI asks (a QMessageBox, QInputDialog or a dialog
// of ours) runs through runModal(). On the desktop that is exec(); a test
// installs a hook that answers the dialog as it is, synchronously, with no
// event loop and no timer waiting for the box to appear.
#pragma once

#include <functional>

class QDialog;

// The hook answers by clicking a button or calling accept()/reject() on the
// dialog it is given; runModal() then returns the dialog's result().
using ModalHook = std::function<void(QDialog &)>;

int runModal(QDialog &dialog);

// Tests: answer dialogs with `hook` instead of exec(); an empty hook restores exec().
void setModalHook(ModalHook hook);
