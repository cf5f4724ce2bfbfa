#include "readonlyfield.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>

QLineEdit *addReadOnlyField(QFormLayout *form, const QString &label)
{
    QWidget *parent = form->parentWidget();
    auto *edit = new QLineEdit(parent);
    edit->setReadOnly(true);
    auto *l = new QLabel(label, parent);
    l->setBuddy(edit);
    // The accessible name without the mnemonic's ampersand or colon.
    edit->setAccessibleName(QString(label).remove(QLatin1Char('&')).remove(QLatin1Char(':')));
    form->addRow(l, edit);
    return edit;
}
