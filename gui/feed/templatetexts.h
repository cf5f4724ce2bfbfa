// The helper's template schema in the user's language. ListTemplates
// describes each template and option in English; the wizard shows them
// through this table, keyed by the template's and the option's names, so
// that they go through the translations like every other text. A name the
// table does not know (a newer helper) shows the helper's own words.
#pragma once

#include <QString>

namespace templatetexts {

// The template's one-line description.
QString description(const QString &templateName, const QString &helperText);
// The label of OPTION of TEMPLATENAME (the same option may read differently
// per template: "flush-cache" downloads again or rebuilds).
QString optionLabel(const QString &templateName, const QString &option, const QString &helperText);
// Whether the table has OPTION of TEMPLATENAME (tests: every option the
// helper lists must have one).
bool knowsOption(const QString &templateName, const QString &option);

}  // namespace templatetexts
