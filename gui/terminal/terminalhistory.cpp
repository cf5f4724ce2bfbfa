#include "terminalhistory.h"

#include <algorithm>
#include <cstring>

TerminalHistory::TerminalHistory(int capacity)
    : m_capacity(std::max(0, capacity))
{
}

void TerminalHistory::setCapacity(int lines)
{
    lines = std::max(0, lines);
    if (lines == m_capacity)
        return;
    // Re-linearise, keeping the newest `lines` lines.
    const int keep = std::min(m_size, lines);
    std::vector<TerminalLine> kept;
    kept.reserve(size_t(keep));
    for (int i = m_size - keep; i < m_size; ++i)
        kept.push_back(std::move(m_lines[size_t(physical(i))]));
    m_dropped += m_size - keep;
    m_lines = std::move(kept);
    m_start = 0;
    m_size = keep;
    m_capacity = lines;
}

const TerminalLine &TerminalHistory::at(int index) const
{
    Q_ASSERT(index >= 0 && index < m_size);
    return m_lines[size_t(physical(index))];
}

TerminalLine &TerminalHistory::pushSlot()
{
    if (m_capacity == 0) {
        m_scratch.clear();
        return m_scratch;
    }
    if (m_size < m_capacity) {
        // Still filling: the ring is the vector's prefix [start, start+size).
        if (m_size == int(m_lines.size()))
            m_lines.emplace_back();
        TerminalLine &slot = m_lines[size_t(physical(m_size))];
        slot.clear();
        ++m_size;
        return slot;
    }
    TerminalLine &slot = m_lines[size_t(m_start)];
    slot.clear();
    m_start = (m_start + 1) % int(m_lines.size());
    ++m_dropped;
    return slot;
}

void TerminalHistory::pushAscii(const char *text, int count, const TerminalCell &pen, const TerminalCell &blank,
                                int padTo)
{
    TerminalLine &slot = pushSlot();
    TerminalCell pattern = pen;
    pattern.width = 1;
    slot.cells.assign(size_t(std::max(count, padTo)), blank);
    for (int i = 0; i < count; ++i) {
        std::memcpy(static_cast<void *>(&slot.cells[size_t(i)]), &pattern, sizeof pattern);
        slot.cells[size_t(i)].ch = static_cast<unsigned char>(text[i]);
    }
}

bool TerminalHistory::pop(TerminalLine *line)
{
    if (m_size == 0)
        return false;
    TerminalLine &newest = m_lines[size_t(physical(m_size - 1))];
    if (line)
        *line = std::move(newest);
    newest.clear();
    --m_size;
    return true;
}

void TerminalHistory::clear()
{
    m_dropped += m_size;
    m_lines.clear();
    m_start = 0;
    m_size = 0;
}
