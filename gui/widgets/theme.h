// The application's colours from the user's preference: the system's own
// palette (what the platform theme gave QApplication at start), or a light
// or dark one whatever the system uses.
#pragma once

#include "preferences.h"

#include <QPalette>

namespace theme {

// Sets QApplication's palette; every widget follows (they draw with
// palette roles only).
void apply(Preferences::Theme theme);
QPalette darkPalette();
QPalette lightPalette();
// Whether a palette is a dark one (its window darker than its text).
bool isDark(const QPalette &palette);

}  // namespace theme
