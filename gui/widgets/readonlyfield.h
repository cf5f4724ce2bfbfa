// A value shown in a form as a read-only line edit: selectable, reached by
// Tab, and announced by a screen reader with its label (a plain QLabel is
// neither focusable nor tied to its row's label).
#pragma once

class QFormLayout;
class QLineEdit;
class QString;

// Adds the row "label  [value]" to `form`; the edit is empty until set.
QLineEdit *addReadOnlyField(QFormLayout *form, const QString &label);
