#include "terminalcell.h"

namespace {

void appendCodePoint(QString &out, char32_t c)
{
    if (QChar::requiresSurrogates(c)) {
        out.append(QChar(QChar::highSurrogate(c)));
        out.append(QChar(QChar::lowSurrogate(c)));
    } else {
        out.append(QChar(char16_t(c)));
    }
}

void appendCell(QString &out, const TerminalLine &line, int column, bool blankAsSpace)
{
    const TerminalCell &cell = line.cells[size_t(column)];
    if (cell.width == 0)
        return;
    if (cell.ch == 0) {
        if (blankAsSpace)
            out.append(QLatin1Char(' '));
        return;
    }
    appendCodePoint(out, cell.ch);
    if (!cell.has(TerminalCell::HasMarks))
        return;
    for (const auto &[col, chars] : line.marks) {
        if (col != column)
            continue;
        for (char32_t m : chars)
            appendCodePoint(out, m);
        break;
    }
}

void trimTrailingSpaces(QString &s, std::vector<int> *columnOfIndex)
{
    qsizetype n = s.size();
    while (n > 0 && s.at(n - 1) == QLatin1Char(' '))
        --n;
    s.truncate(n);
    if (columnOfIndex)
        columnOfIndex->resize(size_t(n));
}

}  // namespace

QString TerminalLine::cellText(int column) const
{
    QString out;
    if (column >= 0 && column < size())
        appendCell(out, *this, column, false);
    return out;
}

QString TerminalLine::text(std::vector<int> *columnOfIndex) const
{
    QString out;
    out.reserve(size());
    if (columnOfIndex)
        columnOfIndex->clear();
    for (int col = 0; col < size(); ++col) {
        const qsizetype before = out.size();
        appendCell(out, *this, col, true);
        if (columnOfIndex)
            columnOfIndex->insert(columnOfIndex->end(), size_t(out.size() - before), col);
    }
    trimTrailingSpaces(out, columnOfIndex);
    return out;
}

QString TerminalLine::text(int from, int to) const
{
    QString out;
    for (int col = qMax(0, from); col < to && col < size(); ++col)
        appendCell(out, *this, col, true);
    trimTrailingSpaces(out, nullptr);
    return out;
}
