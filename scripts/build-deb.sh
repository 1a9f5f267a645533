#!/usr/bin/env bash
# Turns a staging tree made by `make install DESTDIR=ROOT PREFIX=/usr` into a .deb with dpkg-deb.
# Usage: scripts/build-deb.sh ROOT OUTDIR VERSION   (prints the path of the package)
# DEB_COMPRESS (xz, gzip, zstd or none) picks dpkg-deb's compressor; the tests use none.
set -euo pipefail
cd "$(dirname "$0")/.."

root=$1 outdir=$2 version=$3
command -v dpkg-shlibdeps >/dev/null || { echo "make deb needs dpkg-shlibdeps: apt-get install dpkg-dev" >&2; exit 1; }
arch=$(dpkg --print-architecture)
binaries=("$root/usr/bin/batond" "$root/usr/bin/baton")
for binary in "${binaries[@]}"; do
    [[ -x $binary ]] || { echo "$binary is missing: stage with make install PREFIX=/usr first" >&2; exit 1; }
    if ldd "$binary" | grep -q 'libswiftCore\.so'; then
        echo "warning: $(basename "$binary") links the Swift runtime dynamically; this package only runs where the toolchain is installed (make deb without BIN_SRC builds with --static-swift-stdlib)" >&2
    fi
done

# Stripped as dh_strip does: release builds carry debug info, which doubles the size.
strip --strip-unneeded --remove-section=.comment --remove-section=.note "${binaries[@]}"

# Depends: what the binaries link, as Debian packages with versions (libc6, libcurl4, libsqlite3-0, ...).
# dpkg-shlibdeps wants a debian/control to read; a scratch one will do. Libraries no package
# provides (a toolchain's Swift runtime) are left out, after the warning above.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir "$scratch/debian"
printf 'Source: baton\n\nPackage: baton\nArchitecture: any\n' >"$scratch/debian/control"
absolute=()
for binary in "${binaries[@]}"; do absolute+=("$(realpath "$binary")"); done
shlibs=$(cd "$scratch" && dpkg-shlibdeps -O --ignore-missing-info --warnings=0 "${absolute[@]}" 2>/dev/null)
depends=${shlibs#shlibs:Depends=}
[[ -n $depends ]] || { echo "dpkg-shlibdeps found no dependencies for ${binaries[*]}" >&2; exit 1; }
# Release binaries are linked with packed relative relocations (Package.swift), which the loader
# reads from glibc 2.36 on: they need GLIBC_ABI_DT_RELR, a version without symbols, which
# dpkg-shlibdeps does not count. Raise libc6 to what that version needs.
versions=$(readelf -V "${absolute[@]}" 2>/dev/null || true)
if [[ $versions == *GLIBC_ABI_DT_RELR* ]]; then
    depends=$(sed -E 's/libc6 \(>= 2\.(3[0-5]|[12][0-9]|[0-9])\)/libc6 (>= 2.36)/' <<<"$depends")
fi

debian=$root/DEBIAN
rm -rf "$debian"
install -d -m 0755 "$debian"
install -m 0755 packaging/debian/postinst packaging/debian/prerm packaging/debian/postrm "$debian/"
install -m 0644 packaging/debian/conffiles "$debian/"
size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
sed -e "s|@VERSION@|$version|" -e "s|@ARCH@|$arch|" -e "s|@SIZE@|$size|" -e "s|@DEPENDS@|$depends|" \
    packaging/debian/control.in >"$debian/control"
(cd "$root" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | sort -z | xargs -0 md5sum) >"$debian/md5sums"
chmod 0644 "$debian/md5sums"

mkdir -p "$outdir"
package=$outdir/baton_${version}_${arch}.deb
dpkg-deb --root-owner-group -Z"${DEB_COMPRESS:-xz}" --build "$root" "$package" >/dev/null
echo "$package"
