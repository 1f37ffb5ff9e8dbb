#!/bin/sh
# Remove what install.sh installed: the app in ~/.local/lib/threadline, the
# ~/.local/bin/threadline link, the menu entry, the icons and the AppStream metadata.
# Your vault and your backups are kept: Threadline's data folder
# (~/.local/share/Threadline) is never touched.
set -eu

case "${1:-}" in
    -h|--help) sed -n '2,5p' "$0" | cut -c3-; exit 0 ;;
    "") ;;
    *) echo "uninstall.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
esac

data_home=${XDG_DATA_HOME:-$HOME/.local/share}
app_dir=$HOME/.local/lib/threadline
manifest=$app_dir/.installed-files

if [ ! -f "$manifest" ]; then
    echo "uninstall.sh: Threadline is not installed for this user (no $manifest)." >&2
    exit 1
fi

while IFS= read -r file; do
    if [ -L "$file" ]; then
        # Only the link that points into the app is ours to remove.
        [ "$(readlink "$file")" = "$app_dir/threadline" ] && rm -f "$file"
    elif [ -f "$file" ]; then
        rm -f "$file"
    fi
done < "$manifest"
rm -rf "$app_dir"

if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q "$data_home/applications" 2>/dev/null || true
fi
if command -v gtk-update-icon-cache >/dev/null 2>&1; then
    gtk-update-icon-cache -q -t "$data_home/icons/hicolor" 2>/dev/null || true
fi
echo "Threadline was removed. Your vault in $data_home/Threadline was kept."
