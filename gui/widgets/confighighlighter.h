// ConfigHighlighter: LXC's `key = value` config format in a QTextDocument:
// comments, keys (known ones, legacy ones, unknown ones), the `=`, values,
// lines LXC cannot read, and the lines the core library's validation found
// problems on (a wavy underline: red for errors, amber for warnings).
// The syntax is judged line by line here; the validation itself is
// ConfigEditor's (hutch::loadConfigBytes, as `hutchctl check-config`).
#pragma once

#include <QHash>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>

class ConfigHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT

public:
    // What a part of a line is; tests ask formatFor() about these.
    enum class Part { Comment, Key, LegacyKey, UnknownKey, Equals, Value, InvalidLine, ForeignLine };

    struct Problem {
        bool error = true;
        QString message;
    };

    explicit ConfigHighlighter(QTextDocument *document);

    // Problems by 1-based line number; the marked lines are redrawn.
    void setProblems(const QHash<int, Problem> &problems);
    const QHash<int, Problem> &problems() const { return m_problems; }
    QTextCharFormat formatFor(Part part) const;
    // How a key is classified (known, legacy or unknown), from core/keys.
    static Part classifyKey(const QString &key);

protected:
    void highlightBlock(const QString &text) override;

private:
    void setupFormats();

    QHash<int, Problem> m_problems;
    QHash<int, QTextCharFormat> m_formats;  // Part → format
};
