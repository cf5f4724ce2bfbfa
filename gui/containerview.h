// ContainerView: the list of containers. Besides showing the model it is
// where a drag starts and ends: a row dropped within the list asks to clone
// that container; a drop onto the row it came from does nothing.
#pragma once

#include <QTreeView>

class ContainerView : public QTreeView
{
    Q_OBJECT

public:
    explicit ContainerView(QWidget *parent = nullptr);

    // The container names a drag of ours carries (empty for foreign drags).
    static QStringList namesIn(const QMimeData *mime);

Q_SIGNALS:
    // SOURCE was dropped in the list (not onto itself).
    void cloneDropped(const QString &source);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    QString nameAt(const QPoint &pos) const;
};
