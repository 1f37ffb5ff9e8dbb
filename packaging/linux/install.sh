#!/bin/sh
# Install Threadline for the current user, without root:
#   the app          -> ~/.local/lib/threadline/
#   the command     -> ~/.local/bin/threadline (a link into the app)
#   the menu entry, icons and AppStream metadata -> ~/.local/share (or $XDG_DATA_HOME)
# Run it from the unpacked folder: ./install.sh   Undo it with: ./uninstall.sh
# Your vault (~/.local/share/Threadline) is never touched by either script.
set -eu

case "${1:-}" in
    -h|--help) sed -n '2,7p' "$0" | cut -c3-; exit 0 ;;
    "") ;;
    *) echo "install.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
esac

app_id=org.threadline.Threadline
here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
data_home=${XDG_DATA_HOME:-$HOME/.local/share}
app_dir=$HOME/.local/lib/threadline
bin_dir=$HOME/.local/bin
manifest=$app_dir/.installed-files

fail() { echo "install.sh: $1" >&2; exit 1; }

[ -x "$here/threadline" ] && [ -d "$here/_internal/resources" ] \
    || fail "run this script from the unpacked Threadline folder."
case "$app_dir" in
    *'"'*|*'`'*|*'$'*|*'\'*) fail "your home folder's path has a character a menu entry cannot hold." ;;
esac
if [ -e "$app_dir" ] && [ ! -f "$manifest" ] && [ "$here" != "$app_dir" ]; then
    fail "$app_dir exists but was not made by this script; move it away first."
fi
if [ -e "$bin_dir/threadline" ] || [ -L "$bin_dir/threadline" ]; then
    if [ "$(readlink "$bin_dir/threadline" || true)" != "$app_dir/threadline" ]; then
        fail "$bin_dir/threadline exists and is not this app's link; move it away first."
    fi
fi

# 1. The app itself: copied whole, then moved into place, so a failed copy leaves no half app.
if [ "$here" != "$app_dir" ]; then
    mkdir -p "$(dirname "$app_dir")"
    rm -rf "$app_dir.new"
    cp -RP "$here" "$app_dir.new"
    rm -rf "$app_dir"
    mv "$app_dir.new" "$app_dir"
fi
resources=$app_dir/_internal/resources
: > "$manifest.new"

put() {  # put SOURCE TARGET: install one file and remember it for uninstall.sh
    mkdir -p "$(dirname "$2")"
    cp "$1" "$2.new"
    chmod 644 "$2.new"
    mv "$2.new" "$2"
    echo "$2" >> "$manifest.new"
}

# 2. The command.
mkdir -p "$bin_dir"
ln -sfn "$app_dir/threadline" "$bin_dir/threadline"
echo "$bin_dir/threadline" >> "$manifest.new"

# 3. The menu entry, started by its full path so it works without ~/.local/bin on PATH.
desktop_tmp=$app_dir/.desktop-entry
sed "s|^Exec=threadline\$|Exec=\"$app_dir/threadline\"|" \
    "$resources/linux/$app_id.desktop" > "$desktop_tmp"
put "$desktop_tmp" "$data_home/applications/$app_id.desktop"
rm -f "$desktop_tmp"

# 4. Icons (every size) and the AppStream metadata.
for icon in "$resources"/icons/hicolor/*/apps/"$app_id".*; do
    size=$(basename "$(dirname "$(dirname "$icon")")")
    put "$icon" "$data_home/icons/hicolor/$size/apps/$(basename "$icon")"
done
put "$resources/linux/$app_id.metainfo.xml" "$data_home/metainfo/$app_id.metainfo.xml"
mv "$manifest.new" "$manifest"

# 5. Let the desktop notice (both tools are optional).
if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q "$data_home/applications" 2>/dev/null || true
fi
if command -v gtk-update-icon-cache >/dev/null 2>&1; then
    gtk-update-icon-cache -q -t "$data_home/icons/hicolor" 2>/dev/null || true
fi

echo "Threadline is installed in $app_dir and in your applications menu."
case ":$PATH:" in
    *":$bin_dir:"*) echo "Start it from the menu or with: threadline" ;;
    *) echo "Start it from the menu or with: $bin_dir/threadline ($bin_dir is not on your PATH)" ;;
esac
