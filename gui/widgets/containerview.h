// ContainerView: the list of containers. Besides showing the model it is
// where a drag starts and ends: a row dropped within the list asks to clone
// that container; a drop onto the row it came from does nothing. So that
// the drag can be found: hovering a row says so (rowHovered, for the status
// bar), the empty area under the rows has a line about it, and a drag over
// the list frames it with "Drop to clone NAME". Files dropped from a file
// manager onto a row are for that container (filesDropped).
#pragma once

#include <QTreeView>

class ContainerView : public QTreeView
{
    Q_OBJECT

public:
    explicit ContainerView(QWidget *parent = nullptr);

    // The container names a drag of ours carries (empty for foreign drags).
    static QStringList namesIn(const QMimeData *mime);
    // The local files a drop from a file manager carries (empty otherwise).
    static QStringList localFilesIn(const QMimeData *mime);

Q_SIGNALS:
    // SOURCE was dropped in the list (not onto itself).
    void cloneDropped(const QString &source);
    // Local files were dropped onto NAME's row.
    void filesDropped(const QString &name, const QStringList &files);
    // The pointer went onto NAME's row ("" when it left the rows).
    void rowHovered(const QString &name);
    // Return or Enter on the current row.
    void returnPressed(const QString &name);

public:
    // The drop hint being shown (a drag of a row is over the list), and
    // the line drawn under the rows ("" when there is no room or no row).
    QString dropHint() const { return m_dropSource; }
    QString emptyAreaHint() const;

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dragLeaveEvent(QDragLeaveEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void paintEvent(QPaintEvent *event) override;

private:
    QString nameAt(const QPoint &pos) const;
    void setDropSource(const QString &name);
    QString m_dropSource;
    QString m_hovered;
};
